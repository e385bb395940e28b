import { createHash } from "node:crypto";
import type { InstallationStore, InstallationStoreFactory } from "./installation-store.ts";

/**
 * One pooled store (and so one driver connection pool) per installation. A changed
 * connection string closes the old store before the new one is used.
 */
export class InstallationStorePool {
  private readonly stores = new Map<string, { fingerprint: string; store: InstallationStore }>();

  constructor(private readonly factory: InstallationStoreFactory) {}

  get(installationId: string, connectionString: string): InstallationStore {
    const fingerprint = createHash("sha256").update(connectionString).digest("hex");
    const current = this.stores.get(installationId);
    if (current?.fingerprint === fingerprint) return current.store;
    if (current) void current.store.close();
    const store = this.factory.open(connectionString);
    this.stores.set(installationId, { fingerprint, store });
    return store;
  }

  async release(installationId: string): Promise<void> {
    const current = this.stores.get(installationId);
    this.stores.delete(installationId);
    await current?.store.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.stores.values()];
    this.stores.clear();
    await Promise.all(all.map(({ store }) => store.close()));
  }
}
