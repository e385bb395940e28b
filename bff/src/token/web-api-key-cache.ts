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
  /** App-IDs cached per client and per installation, so their changes evict without a scan. */
  private readonly byClient = new Map<string, Set<string>>();
  private readonly byInstallation = new Map<string, Set<string>>();
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
    const evictAll = (appIds: Set<string> | undefined) => {
      // A load that raced this change may hold the old client: don't keep what it read.
      this.floorSeq = ++this.seq;
      for (const appId of [...(appIds ?? [])]) this.forget(appId);
    };
    changes.subscribe("clients", (clientId) => evictAll(this.byClient.get(clientId)));
    changes.subscribe("installations", (installationId) => evictAll(this.byInstallation.get(installationId)));
    changes.subscribe("storages", (installationId) => evictAll(this.byInstallation.get(installationId)));
    const forgetAll = () => {
      this.floorSeq = ++this.seq;
      this.byAppId.clear();
      this.byClient.clear();
      this.byInstallation.clear();
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
    this.forget(appId);
    if (this.changedSeq.size >= 10_000) {
      this.changedSeq.clear();
      this.floorSeq = this.seq + 1;
    }
    this.changedSeq.set(appId, ++this.seq);
  }

  private remember(appId: string, record: WebApiKeyRecord | null): void {
    if (this.byAppId.size >= this.maxEntries) {
      const oldest = this.byAppId.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    this.forget(appId);
    this.byAppId.set(appId, { record, at: this.now() });
    if (record) {
      index(this.byClient, record.client.id, appId);
      index(this.byInstallation, record.client.installationId, appId);
    }
  }

  private forget(appId: string): void {
    const record = this.byAppId.get(appId)?.record;
    this.byAppId.delete(appId);
    if (record) {
      unindex(this.byClient, record.client.id, appId);
      unindex(this.byInstallation, record.client.installationId, appId);
    }
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

function index(map: Map<string, Set<string>>, key: string, appId: string): void {
  const set = map.get(key);
  if (set) set.add(appId);
  else map.set(key, new Set([appId]));
}

function unindex(map: Map<string, Set<string>>, key: string, appId: string): void {
  const set = map.get(key);
  set?.delete(appId);
  if (set?.size === 0) map.delete(key);
}
