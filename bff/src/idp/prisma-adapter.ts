import { errors, type Adapter, type AdapterPayload } from "oidc-provider";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { findUnsafeText, isUnsafeText } from "../http/unsafe-text.ts";

/**
 * oidc-provider storage in the configuration database, so that every BFF instance sees
 * the same sessions, grants, codes and tokens.
 * - Expired rows are invisible to `find` and removed by `purgeExpired`.
 * - `revokeByGrantId` removes every token of a grant (refresh-token reuse, sign-out).
 * - Ids and payloads holding NUL or unpaired surrogates (from OAuth request bodies, which
 *   oidc-provider parses itself) are an invalid_request, never a database error.
 */
export function createPrismaAdapterFactory(prisma: PrismaClient) {
  return (type: string): Adapter => new PrismaAdapter(prisma, type);
}

export async function purgeExpiredOidcModels(prisma: PrismaClient): Promise<number> {
  const { count } = await prisma.oidcModel.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}

const unsafeTextDescription = "the request must not contain NUL characters or unpaired UTF-16 surrogates";

function refuseUnsafeText(key: string): void {
  if (isUnsafeText(key)) throw new errors.InvalidRequest(unsafeTextDescription);
}

class PrismaAdapter implements Adapter {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly type: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    refuseUnsafeText(id);
    if (findUnsafeText(payload) !== undefined) throw new errors.InvalidRequest(unsafeTextDescription);
    const data = {
      payload: payload as Prisma.InputJsonValue,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    await this.prisma.oidcModel.upsert({
      where: { type_id: { type: this.type, id } },
      create: { type: this.type, id, ...data },
      update: data,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    refuseUnsafeText(id);
    return this.findWhere({ type: this.type, id });
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    refuseUnsafeText(uid);
    return this.findWhere({ type: this.type, uid });
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    refuseUnsafeText(userCode);
    return this.findWhere({ type: this.type, userCode });
  }

  async consume(id: string): Promise<void> {
    refuseUnsafeText(id);
    await this.prisma.oidcModel.updateMany({ where: { type: this.type, id }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string): Promise<void> {
    refuseUnsafeText(id);
    await this.prisma.oidcModel.deleteMany({ where: { type: this.type, id } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    refuseUnsafeText(grantId);
    await this.prisma.oidcModel.deleteMany({ where: { grantId } });
  }

  private async findWhere(where: Prisma.OidcModelWhereInput): Promise<AdapterPayload | undefined> {
    const row = await this.prisma.oidcModel.findFirst({ where });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
    const payload = row.payload as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  }
}
