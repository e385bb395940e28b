import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SecretBox } from "../crypto/secret-box.ts";
import type { ChangeFeed } from "../db/change-feed.ts";
import { tokenLifetimeSeconds } from "./token-claims.ts";

/**
 * Per-installation HS256 keys for BWS tokens.
 * - Created on first use, stored as JWE under the data key, cached decrypted for a minute.
 * - A key created or retired on any instance evicts the installation's keys here at once
 *   (change feed), so a token signed elsewhere with a new key verifies here too.
 * - Rotation retires the current key: tokens it signed keep verifying for their lifetime.
 */
const kind = "installation-token-signing-key";
const cacheMs = 60_000;

export interface SigningKey {
  id: string;
  secret: Uint8Array;
}

export class SigningKeys {
  private readonly cache = new Map<string, { at: number; current: SigningKey; verifying: SigningKey[] }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    private readonly changes?: ChangeFeed,
  ) {
    changes?.subscribe("installation_signing_keys", (installationId) => this.cache.delete(installationId));
    changes?.onReset(() => this.cache.clear());
    changes?.onLocalWrite(() => this.cache.clear());
  }

  async current(installationId: string): Promise<SigningKey> {
    return (await this.load(installationId)).current;
  }

  /** Every key a token of this installation may have been signed with, newest first. */
  async verifying(installationId: string): Promise<SigningKey[]> {
    return (await this.load(installationId)).verifying;
  }

  async rotate(installationId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.installationSigningKey.updateMany({ where: { installationId, retiredAt: null }, data: { retiredAt: new Date() } });
      await tx.installationSigningKey.create({ data: { installationId, keyEnc: await this.box.seal(kind, randomBytes(32).toString("base64url")) } });
    });
    this.cache.delete(installationId);
  }

  private async load(installationId: string) {
    const cached = this.cache.get(installationId);
    if (cached && Date.now() - cached.at < cacheMs && (this.changes?.healthy ?? true)) return cached;
    let rows = await this.rows(installationId);
    if (!rows.some((row) => row.retiredAt === null)) {
      await this.prisma.installationSigningKey.create({
        data: { installationId, keyEnc: await this.box.seal(kind, randomBytes(32).toString("base64url")) },
      });
      rows = await this.rows(installationId);
    }
    const keys = await Promise.all(
      rows.map(async (row) => ({ row, key: { id: row.id, secret: Buffer.from(await this.box.open(kind, row.keyEnc), "base64url") } })),
    );
    // Two instances may have created a first key at once: the oldest unretired one signs.
    const signing = keys.filter((k) => k.row.retiredAt === null).at(-1)!.key;
    const entry = { at: Date.now(), current: signing, verifying: keys.map((k) => k.key) };
    this.cache.set(installationId, entry);
    return entry;
  }

  private rows(installationId: string) {
    const oldestUseful = new Date(Date.now() - (tokenLifetimeSeconds + 60) * 1000);
    return this.prisma.installationSigningKey.findMany({
      where: { installationId, OR: [{ retiredAt: null }, { retiredAt: { gt: oldestUseful } }] },
      orderBy: { createdAt: "desc" },
    });
  }
}
