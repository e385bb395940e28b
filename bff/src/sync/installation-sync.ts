import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SecretBox } from "../crypto/secret-box.ts";
import type { InstallationStoreFactory } from "../installation-stores/installation-store.ts";
import { InstallationStorePool } from "../installation-stores/installation-store-pool.ts";
import type { ConnectionStringListener } from "../installations/installations.service.ts";
import { importInstallationClients } from "./client-import.ts";
import { ClientSync } from "./client-sync.ts";
import { InstallationImportWorker, type ImportWorkerOptions } from "./installation-import-worker.ts";
import { OutboxWorker, type OutboxWorkerOptions } from "./outbox-worker.ts";
import { SyncStatusService } from "./sync-status.service.ts";

/**
 * Everything that keeps installations in step with the BWS database, wired once per
 * instance: the store pool, the outbox (write side and worker), the status service and
 * the import that runs when a connection string is set, and the periodic import of the
 * installations' logs and class indexes.
 */
export class InstallationSync {
  readonly pool: InstallationStorePool;
  readonly clientSync: ClientSync;
  readonly worker: OutboxWorker;
  readonly importer: InstallationImportWorker;
  readonly status: SyncStatusService;
  readonly onConnectionString: ConnectionStringListener;

  constructor(
    prisma: PrismaClient,
    box: SecretBox,
    factory: InstallationStoreFactory,
    logger: Logger,
    options: OutboxWorkerOptions = {},
    importOptions: ImportWorkerOptions = {},
  ) {
    this.pool = new InstallationStorePool(factory);
    this.worker = new OutboxWorker(prisma, box, this.pool, logger, options);
    this.importer = new InstallationImportWorker(prisma, box, this.pool, logger, importOptions);
    this.clientSync = new ClientSync(() => this.worker.wake());
    this.status = new SyncStatusService(prisma, () => this.worker.wake());
    this.onConnectionString = async (installationId, connectionString, actor) => {
      await this.pool.release(installationId);
      if (connectionString === null) return undefined;
      const report = await importInstallationClients(prisma, this.pool.get(installationId, connectionString), installationId, actor, logger);
      this.worker.wake();
      return report;
    };
  }

  start(): void {
    this.worker.start();
    this.importer.start();
  }

  async close(): Promise<void> {
    await this.importer.stop();
    await this.worker.stop();
    await this.pool.closeAll();
  }
}
