import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SecretBox } from "../crypto/secret-box.ts";
import type { InstallationStorePool } from "../installation-stores/installation-store-pool.ts";
import { connectionStringKind } from "../installations/installations.service.ts";
import { describeStoreFailure, type StoreFailure } from "../installation-stores/store-failure.ts";
import { classDeleteFromPayload, fromPayload } from "./client-document.ts";
import { sweepExpiredClients } from "./expiry-sweeper.ts";

/**
 * Delivers queued client changes to installations (the read side of the outbox).
 * Rules:
 * - Messages are claimed with row locks (`FOR UPDATE SKIP LOCKED`) and a lease, so any
 *   number of instances share the work and a crashed instance's claims expire.
 * - Per client, only the oldest pending message is eligible: changes arrive in order.
 * - A failed delivery stays pending with its error and is retried with exponential
 *   backoff (1 s doubling to 5 min); it is never dropped. After `failedAfterAttempts`
 *   it is shown as failed but still retried.
 * - A failure is stored (and so shown) as its category only; the driver's text goes to the
 *   server log, connection strings masked. After an error the installation's store is
 *   reopened on the next try.
 */
export interface OutboxWorkerOptions {
  batchSize?: number;
  leaseSeconds?: number;
  pollMs?: number;
  maxBackoffMs?: number;
  sweepEveryMs?: number;
}

interface Claimed {
  id: bigint;
  installation_id: string;
  client_name: string;
  kind: string;
  version: number;
  payload: unknown;
  attempts: number;
}

const nowUtc = `(now() AT TIME ZONE 'UTC')`;

export class OutboxWorker {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private lastSweep = 0;
  private readonly options: Required<OutboxWorkerOptions>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    private readonly pool: InstallationStorePool,
    private readonly logger: Logger,
    options: OutboxWorkerOptions = {},
  ) {
    this.options = { batchSize: 50, leaseSeconds: 60, pollMs: 1000, maxBackoffMs: 300_000, sweepEveryMs: 60_000, ...options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Claims and delivers one batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const claimed = await this.prisma.$queryRawUnsafe<Claimed[]>(
      `UPDATE "outbox_messages" SET "locked_until" = ${nowUtc} + make_interval(secs => ${this.options.leaseSeconds}), "attempts" = "attempts" + 1
       WHERE "id" IN (
         SELECT o."id" FROM "outbox_messages" o
         WHERE o."status" = 'pending' AND o."next_attempt_at" <= ${nowUtc}
           AND (o."locked_until" IS NULL OR o."locked_until" < ${nowUtc})
           AND NOT EXISTS (SELECT 1 FROM "outbox_messages" p WHERE p."client_id" = o."client_id" AND p."status" = 'pending' AND p."id" < o."id")
         ORDER BY o."id" LIMIT ${this.options.batchSize}
         FOR UPDATE SKIP LOCKED)
       RETURNING "id", "installation_id", "client_name", "kind", "version", "payload", "attempts"`,
    );
    const byInstallation = new Map<string, Claimed[]>();
    for (const message of claimed.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      byInstallation.set(message.installation_id, [...(byInstallation.get(message.installation_id) ?? []), message]);
    }
    await Promise.all([...byInstallation].map(([installationId, messages]) => this.deliver(installationId, messages)));
    return claimed.length;
  }

  private async deliver(installationId: string, messages: Claimed[]): Promise<void> {
    let unreachable: StoreFailure | undefined;
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { connectionStringEnc: true } });
    for (const message of messages) {
      if (unreachable || !installation?.connectionStringEnc) {
        await this.fail(message, unreachable ?? { category: "refused", message: "The installation has no connection string.", detail: "no connection string" });
        continue;
      }
      try {
        const store = this.pool.get(installationId, await this.box.open(connectionStringKind, installation.connectionStringEnc));
        if (message.kind === "delete") await store.deleteClient(message.client_name, message.version);
        else if (message.kind === "deleteClass") await store.deleteClass(classDeleteFromPayload(message.payload));
        else await store.upsertClient(fromPayload(message.payload));
        await this.prisma.$executeRawUnsafe(
          `UPDATE "outbox_messages" SET "status" = 'delivered', "delivered_at" = ${nowUtc}, "locked_until" = NULL, "last_error" = NULL WHERE "id" = $1`,
          message.id,
        );
      } catch (error) {
        unreachable = describeStoreFailure(error);
        // The next try starts from a fresh driver client: one whose first connection
        // failed may stay closed for good.
        await this.pool.release(installationId);
        await this.fail(message, unreachable);
      }
    }
  }

  private async fail(message: Claimed, failure: StoreFailure): Promise<void> {
    const backoff = Math.min(this.options.maxBackoffMs, 1000 * 2 ** Math.min(20, message.attempts - 1));
    const delayMs = Math.round(backoff * (1 + Math.random() * 0.2));
    await this.prisma.$executeRawUnsafe(
      `UPDATE "outbox_messages" SET "locked_until" = NULL, "last_error" = $2, "next_attempt_at" = ${nowUtc} + make_interval(secs => $3::double precision / 1000) WHERE "id" = $1`,
      message.id,
      failure.message,
      delayMs,
    );
    this.logger.warn(
      { outboxId: String(message.id), client: message.client_name, attempts: message.attempts, category: failure.category, error: failure.detail.slice(0, 2000) },
      "client sync delivery failed; will retry",
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        if (Date.now() - this.lastSweep >= this.options.sweepEveryMs) {
          this.lastSweep = Date.now();
          await sweepExpiredClients(this.prisma);
        }
        handled = await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error }, "outbox worker round failed");
      }
      if (handled >= this.options.batchSize || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
