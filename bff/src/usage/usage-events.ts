import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { insertUsageEvents } from "./insert-usage-events.ts";
import { addToRollups } from "./usage-rollups.ts";

/**
 * Records what the BFF itself serves (tokens, playground attempts) as usage events and
 * adds them to the rollups in the same transaction.
 * Events are buffered and written in batches (every `flushMs`, or at `maxBuffer`), which
 * keeps a database round trip off the token API's hot path; `close()` writes the rest.
 * A crash can lose at most one interval of counts, never a configuration change.
 */
export interface UsageEventInput {
  clientId: string;
  installationId: string;
  operation: string;
  result: "success" | "failure" | "error";
  errorCode?: string;
  durationMs?: number;
}

export class UsageRecorder {
  private buffer: (UsageEventInput & { at: Date; instance: string; source: string })[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly instance: string,
    private readonly logger?: Logger,
    private readonly options: { flushMs?: number; maxBuffer?: number } = {},
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
  }

  record(event: UsageEventInput): void {
    this.buffer.push({ ...event, at: new Date(), instance: this.instance, source: "bff" });
    // Batches of up to 500: with the embedded database a flush runs on the event loop, and
    // a larger batch stalls the requests that arrive meanwhile for longer (p99).
    if (this.buffer.length >= (this.options.maxBuffer ?? 500)) void this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.buffer;
    if (batch.length === 0) return this.flushing;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      try {
        await this.prisma.$transaction(async (tx) => {
          await addToRollups(tx, await insertUsageEvents(tx, batch));
        });
      } catch (err) {
        this.logger?.error({ err, events: batch.length }, "writing usage events failed; keeping them for the next flush");
        this.buffer.unshift(...batch);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
