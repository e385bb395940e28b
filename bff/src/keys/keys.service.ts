import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { isUniqueViolation } from "../db/prisma-errors.ts";
import { NotFoundError } from "../errors.ts";
import type { ClientSync } from "../sync/client-sync.ts";
import { hashAppSecret, newAppId, newAppSecret } from "./app-secret.ts";

/**
 * Web API keys (App-ID + App-Secret) of a client.
 * - The secret is returned once, by create and rotate, and stored only as a hash.
 * - Revoking ends a key now; rotating issues a new key and lets the old one work for an
 *   overlap period, so deployed applications can switch without downtime. Rotating never
 *   moves an old key's end later.
 */
const select = {
  id: true,
  appId: true,
  label: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  replacesId: true,
} as const satisfies Prisma.WebApiKeySelect;

type KeyRow = Prisma.WebApiKeyGetPayload<{ select: typeof select }>;

function status(row: KeyRow, now: number): "active" | "expiring" | "expired" | "revoked" {
  if (row.revokedAt) return "revoked";
  if (!row.expiresAt) return "active";
  return row.expiresAt.getTime() > now ? "expiring" : "expired";
}

function toView(row: KeyRow, now = Date.now()) {
  return {
    appId: row.appId,
    label: row.label,
    status: status(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export class KeysService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sync: ClientSync,
  ) {}

  async list(principal: Principal, clientName: string) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageKeys", clientTarget(client));
    const rows = await this.prisma.webApiKey.findMany({ where: { clientId: client.id }, select, orderBy: { createdAt: "desc" } });
    return { items: rows.map((row) => toView(row)) };
  }

  async create(principal: Principal, clientName: string, label: string) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageKeys", clientTarget(client));
    return this.issue(principal, client, label, "client.key.create");
  }

  async rotate(principal: Principal, clientName: string, appId: string, overlapHours: number) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageKeys", clientTarget(client));
    const old = await this.findKey(client.id, appId);
    const overlapEnd = Date.now() + overlapHours * 3600_000;
    const oldExpiresAt = new Date(old.expiresAt ? Math.min(old.expiresAt.getTime(), overlapEnd) : overlapEnd);
    return this.issue(principal, client, old.label, "client.key.rotate", async (tx) => {
      await tx.webApiKey.update({ where: { id: old.id }, data: { expiresAt: oldExpiresAt } });
      return { replacesId: old.id, before: { appId: old.appId, expiresAt: old.expiresAt }, oldExpiresAt };
    });
  }

  async revoke(principal: Principal, clientName: string, appId: string) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageKeys", clientTarget(client));
    const key = await this.findKey(client.id, appId);
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      await tx.webApiKey.update({ where: { id: key.id }, data: { revokedAt: now, expiresAt: now } });
      await tx.client.update({ where: { id: client.id }, data: { version: { increment: 1 } } });
      await this.sync.enqueueUpsert(tx, client.id);
      await recordAudit(tx, principal, {
        action: "client.key.revoke",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        before: { appId: key.appId, label: key.label },
      });
    });
  }

  private async issue(
    principal: Principal,
    client: { id: string; installationId: string },
    label: string,
    action: string,
    beforeCreate?: (tx: Prisma.TransactionClient) => Promise<{ replacesId: string; before: unknown; oldExpiresAt: Date }>,
  ) {
    const appSecret = newAppSecret();
    for (let attempt = 1; ; attempt++) {
      const appId = newAppId();
      try {
        const row = await this.prisma.$transaction(async (tx) => {
          const rotation = beforeCreate ? await beforeCreate(tx) : undefined;
          const created = await tx.webApiKey.create({
            data: { appId, clientId: client.id, label, secretHash: hashAppSecret(appSecret), replacesId: rotation?.replacesId },
            select,
          });
          await tx.client.update({ where: { id: client.id }, data: { version: { increment: 1 } } });
          await this.sync.enqueueUpsert(tx, client.id);
          await recordAudit(tx, principal, {
            action,
            objectType: "client",
            objectId: client.id,
            installationId: client.installationId,
            before: rotation?.before,
            after: { appId, label, appSecret, ...(rotation ? { previousKeyWorksUntil: rotation.oldExpiresAt } : {}) },
          });
          return created;
        });
        return { ...toView(row), appSecret };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  private async findKey(clientId: string, appId: string) {
    const key = await this.prisma.webApiKey.findFirst({ where: { clientId, appId }, select });
    if (!key) throw new NotFoundError(`This client has no Web API key '${appId}'.`);
    return key;
  }
}
