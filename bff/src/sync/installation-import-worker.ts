import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { importBwsLog, type LogImportOptions } from "../bwslog/bwslog-import.ts";
import { importClasses } from "../classes/class-import.ts";
import type { SecretBox } from "../crypto/secret-box.ts";
import { describeStoreFailure } from "../installation-stores/store-failure.ts";
import { connectionStringKind } from "../installations/installations.service.ts";
import type { InstallationStorePool } from "../installation-stores/installation-store-pool.ts";
import { releaseImportLease, takeImportLease } from "./import-lease.ts";

/**
 * Reads what installations write themselves (the `bwslog` and `classes` collections) into
 * the BWS database, every `everyMs` for every connected installation.
 * Rules:
 * - One instance at a time imports a collection (import-lease.ts); the others skip it.
 * - One installation's failure is recorded on its import rows (shown in its diagnostic
 *   log) and does not stop the others.
 * - A failure is stored (and shown in diagnostics) as its category only; the driver's
 *   text goes to the server log, connection strings masked.
 */
export interface ImportWorkerOptions extends LogImportOptions {
  everyMs?: number;
}

export class InstallationImportWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    private readonly pool: InstallationStorePool,
    private readonly logger: Logger,
    private readonly options: ImportWorkerOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, "installation import round failed"))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, this.options.everyMs ?? 60_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Imports every connected installation once. */
  async runOnce(): Promise<void> {
    const installations = await this.prisma.installation.findMany({
      where: { connectionStringEnc: { not: null } },
      select: { id: true, connectionStringEnc: true },
    });
    for (const installation of installations) await this.importInstallation(installation.id, installation.connectionStringEnc!);
  }

  private async importInstallation(installationId: string, connectionStringEnc: string): Promise<void> {
    for (const [collection, run] of [
      ["bwslog", importBwsLog],
      ["classes", importClasses],
    ] as const) {
      if (!(await takeImportLease(this.prisma, installationId, collection))) continue;
      try {
        const store = this.pool.get(installationId, await this.box.open(connectionStringKind, connectionStringEnc));
        const result = await run(this.prisma, store, installationId, this.options);
        if (result.read > 0) this.logger.info({ installationId, collection, ...result }, "installation import");
      } catch (error) {
        const failure = describeStoreFailure(error);
        const message = failure.message;
        this.logger.warn({ installationId, collection, category: failure.category, error: failure.detail.slice(0, 2000) }, "installation import failed; will retry");
        await this.prisma.installationImport.upsert({
          where: { installationId_collection: { installationId, collection } },
          create: { installationId, collection, lastError: message, lastErrorAt: new Date() },
          update: { lastError: message, lastErrorAt: new Date() },
        });
        await this.pool.release(installationId);
        return;
      } finally {
        await releaseImportLease(this.prisma, installationId, collection);
      }
    }
  }
}
