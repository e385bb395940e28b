import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { sqlTimestamp } from "../db/sql-timestamp.ts";

/**
 * When each Web API key was last used, written in batches off the token API's hot path.
 * Rules:
 * - `touch` only remembers; every `flushMs` one statement writes all keys touched since.
 * - A stored time never moves backwards (instances flush in any order).
 * - `last_used_at` is shown to people ("used 2 minutes ago"): it may lag by one interval.
 */
export class KeyLastUsed {
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger?: Logger,
    flushMs = 30_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  touch(keyId: string): void {
    this.pending.set(keyId, new Date());
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return this.flushing;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      try {
        await this.prisma.$executeRawUnsafe(
          `UPDATE "web_api_keys" AS k SET "last_used_at" = v.at
           FROM unnest($1::uuid[], $2::timestamp[]) AS v(id, at)
           WHERE k."id" = v.id AND (k."last_used_at" IS NULL OR k."last_used_at" < v.at)`,
          [...batch.keys()],
          [...batch.values()].map(sqlTimestamp),
        );
      } catch (err) {
        this.logger?.warn({ err, keys: batch.size }, "writing Web API keys' last use failed; retrying with the next batch");
        for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
