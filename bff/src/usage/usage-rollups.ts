import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Adds a batch of usage events to the hourly and daily rollups, in the transaction that
 * stores the events, so counts and events never disagree.
 * - One row per bucket, client, instance, operation, result and error code.
 * - Durations: a sum (for averages) and a fixed histogram (for p50/p95).
 * - Concurrent writers merge through `ON CONFLICT DO UPDATE` (counts add up).
 */
export const durationBucketBoundsMs = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000] as const;

export interface RollupEvent {
  at: Date;
  clientId: string;
  installationId: string;
  instance?: string | null;
  operation: string;
  result: string;
  errorCode?: string | null;
  durationMs?: number | null;
}

interface Row {
  granularity: "hour" | "day";
  bucketStart: Date;
  clientId: string;
  installationId: string;
  instance: string;
  operation: string;
  result: string;
  errorCode: string;
  count: number;
  durationSumMs: number;
  buckets: number[];
}

export function bucketStart(at: Date, granularity: "hour" | "day"): Date {
  const start = new Date(at);
  start.setUTCMinutes(0, 0, 0);
  if (granularity === "day") start.setUTCHours(0);
  return start;
}

export function durationBucket(ms: number): number {
  const index = durationBucketBoundsMs.findIndex((bound) => ms <= bound);
  return index === -1 ? durationBucketBoundsMs.length : index;
}

export function aggregate(events: readonly RollupEvent[]): Row[] {
  const rows = new Map<string, Row>();
  for (const event of events) {
    for (const granularity of ["hour", "day"] as const) {
      const start = bucketStart(event.at, granularity);
      const key = [granularity, start.toISOString(), event.clientId, event.instance ?? "", event.operation, event.result, event.errorCode ?? ""].join("|");
      let row = rows.get(key);
      if (!row) {
        row = {
          granularity,
          bucketStart: start,
          clientId: event.clientId,
          installationId: event.installationId,
          instance: event.instance ?? "",
          operation: event.operation,
          result: event.result,
          errorCode: event.errorCode ?? "",
          count: 0,
          durationSumMs: 0,
          buckets: new Array<number>(durationBucketBoundsMs.length + 1).fill(0),
        };
        rows.set(key, row);
      }
      row.count++;
      if (event.durationMs !== undefined && event.durationMs !== null) {
        row.durationSumMs += Math.round(event.durationMs);
        row.buckets[durationBucket(event.durationMs)]!++;
      }
    }
  }
  return [...rows.values()];
}

export async function addToRollups(tx: Prisma.TransactionClient, events: readonly RollupEvent[]): Promise<void> {
  const rows = aggregate(events);
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const params: unknown[] = [];
    const values = chunk.map((row) => {
      const base = params.length;
      params.push(
        row.granularity,
        sqlTimestamp(row.bucketStart),
        row.clientId,
        row.installationId,
        row.instance,
        row.operation,
        row.result,
        row.errorCode,
        row.count,
        row.durationSumMs,
        `{${row.buckets.join(",")}}`,
      );
      const p = (n: number) => `$${base + n}`;
      return `(${p(1)}, ${p(2)}::timestamp, ${p(3)}::uuid, ${p(4)}::uuid, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}::int, ${p(10)}::bigint, ${p(11)}::int[])`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "usage_rollups" ("granularity", "bucket_start", "client_id", "installation_id", "instance", "operation", "result", "error_code", "count", "duration_sum_ms", "duration_buckets")
       VALUES ${values.join(", ")}
       ON CONFLICT ("granularity", "bucket_start", "client_id", "instance", "operation", "result", "error_code") DO UPDATE SET
         "count" = "usage_rollups"."count" + EXCLUDED."count",
         "duration_sum_ms" = "usage_rollups"."duration_sum_ms" + EXCLUDED."duration_sum_ms",
         "duration_buckets" = ARRAY(SELECT a + b FROM unnest("usage_rollups"."duration_buckets", EXCLUDED."duration_buckets") AS t(a, b))`,
      ...params,
    );
  }
}
