import type { ChangeFeed } from "../db/change-feed.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * Web API keys with what a token needs of their client and installation, kept in memory so
 * the Token Web API answers without a database round trip (it is called before every
 * biometric operation of every customer application).
 * Rules:
 * - A change to the key (revocation, rotation, expiry), its client (expiry, storage,
 *   partition, deletion), the client's installation (endpoints) or storages evicts the
 *   affected entries on every instance through the change feed, within milliseconds of the
 *   commit; new keys are announced too, so a cached "no such App-ID" never outlives them.
 *   A write of this instance drops everything at once (see change-feed.ts).
 * - While the feed is down nothing is served from memory; an entry is never older than
 *   `maxAgeMs` either way. Expiry dates are judged at use time, not at load.
 * - At most `maxEntries` App-IDs are kept, unknown ones included (oldest loaded first out).
 * - The secret's hash is kept, never the secret.
 */
export interface WebApiKeyRecord {
  id: string;
  secretHash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  client: {
    id: string;
    name: string;
    partition: number;
    expiresAt: Date;
    installationId: string;
    storageName: string;
    audience: string;
  };
}

interface Entry {
  record: WebApiKeyRecord | null;
  at: number;
}

export class WebApiKeyCache {
  private readonly byAppId = new Map<string, Entry>();
  private seq = 0;
  private floorSeq = 0;
  private readonly changedSeq = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly changes: ChangeFeed,
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {
    changes.subscribe("web_api_keys", (appId) => this.evict(appId));
    const evictWhere = (matches: (record: WebApiKeyRecord) => boolean) => {
      // Rare (client or installation edits): a scan of the cache is cheaper than an index.
      this.floorSeq = ++this.seq;
      for (const [appId, entry] of this.byAppId) if (entry.record && matches(entry.record)) this.byAppId.delete(appId);
    };
    changes.subscribe("clients", (clientId) => evictWhere((record) => record.client.id === clientId));
    changes.subscribe("installations", (installationId) => evictWhere((record) => record.client.installationId === installationId));
    changes.subscribe("storages", (installationId) => evictWhere((record) => record.client.installationId === installationId));
    const forgetAll = () => {
      this.floorSeq = ++this.seq;
      this.byAppId.clear();
    };
    changes.onReset(forgetAll);
    changes.onLocalWrite(forgetAll);
  }

  async find(appId: string): Promise<WebApiKeyRecord | null> {
    const cached = this.byAppId.get(appId);
    if (cached && this.now() - cached.at < this.maxAgeMs && this.changes.healthy) return cached.record;
    const startSeq = this.seq;
    const record = await this.load(appId);
    const changed = Math.max(this.changedSeq.get(appId) ?? 0, this.floorSeq);
    if (this.changes.healthy && changed <= startSeq) this.remember(appId, record);
    return record;
  }

  private evict(appId: string): void {
    this.byAppId.delete(appId);
    if (this.changedSeq.size >= 10_000) {
      this.changedSeq.clear();
      this.floorSeq = this.seq + 1;
    }
    this.changedSeq.set(appId, ++this.seq);
  }

  private remember(appId: string, record: WebApiKeyRecord | null): void {
    if (this.byAppId.size >= this.maxEntries) {
      const oldest = this.byAppId.keys().next().value;
      if (oldest !== undefined) this.byAppId.delete(oldest);
    }
    this.byAppId.delete(appId);
    this.byAppId.set(appId, { record, at: this.now() });
  }

  private async load(appId: string): Promise<WebApiKeyRecord | null> {
    const key = await this.prisma.webApiKey.findUnique({
      where: { appId },
      select: {
        id: true,
        secretHash: true,
        expiresAt: true,
        revokedAt: true,
        client: {
          select: { id: true, name: true, partition: true, expiresAt: true, installationId: true, storage: { select: { name: true } }, installation: { select: { endpointUrls: true } } },
        },
      },
    });
    if (!key) return null;
    const { client } = key;
    return {
      id: key.id,
      secretHash: key.secretHash,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
      client: {
        id: client.id,
        name: client.name,
        partition: client.partition,
        expiresAt: client.expiresAt,
        installationId: client.installationId,
        storageName: client.storage.name,
        audience: client.installation.endpointUrls[0] ?? "",
      },
    };
  }
}
