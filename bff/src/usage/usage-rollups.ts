import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Adds a batch of usage events to the hourly and daily rollups, in the transaction that
 * stores the events, so counts and events never disagree.
 * - usage_rollups: one row per bucket, client, instance, operation, result and error code
 *   (client and installation dashboards); usage_outcome_rollups: per bucket, client,
 *   result and error code (platform-wide figures).
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

export interface RollupRow {
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

export function aggregate(events: readonly RollupEvent[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
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

/** The same rows without instance and operation (the usage_outcome_rollups key). */
export function outcomesOf(rows: readonly RollupRow[]): RollupRow[] {
  const merged = new Map<string, RollupRow>();
  for (const row of rows) {
    const key = [row.granularity, row.bucketStart.toISOString(), row.clientId, row.result, row.errorCode].join("|");
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { ...row, instance: "", operation: "", buckets: [...row.buckets] });
      continue;
    }
    into.count += row.count;
    into.durationSumMs += row.durationSumMs;
    row.buckets.forEach((n, i) => (into.buckets[i]! += n));
  }
  return [...merged.values()];
}

const tables = {
  usage_rollups: ["instance", "operation"],
  usage_outcome_rollups: [],
} as const satisfies Record<string, readonly ("instance" | "operation")[]>;

export async function addToRollups(tx: Prisma.TransactionClient, events: readonly RollupEvent[]): Promise<void> {
  const rows = aggregate(events);
  await upsertRows(tx, "usage_rollups", rows);
  await upsertRows(tx, "usage_outcome_rollups", outcomesOf(rows));
}

const rowsPerStatement = 2000;

async function upsertRows(tx: Prisma.TransactionClient, table: keyof typeof tables, rows: readonly RollupRow[]): Promise<void> {
  const extra = tables[table];
  const columns = ["granularity", "bucket_start", "client_id", "installation_id", ...extra, "result", "error_code", "count", "duration_sum_ms", "duration_buckets"];
  const casts = ["", "::timestamp", "::uuid", "::uuid", ...extra.map(() => ""), "", "", "::int", "::bigint", "::int[]"];
  const key = ["granularity", "bucket_start", "client_id", ...extra, "result", "error_code"];
  // 13 parameters a row: 2,000 rows stay well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + rowsPerStatement).map((row) => {
      const base = params.length;
      params.push(
        row.granularity,
        sqlTimestamp(row.bucketStart),
        row.clientId,
        row.installationId,
        ...extra.map((column) => row[column]),
        row.result,
        row.errorCode,
        row.count,
        row.durationSumMs,
        `{${row.buckets.join(",")}}`,
      );
      return `(${casts.map((cast, n) => `$${base + n + 1}${cast}`).join(", ")})`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
       VALUES ${values.join(", ")}
       ON CONFLICT (${key.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET
         "count" = "${table}"."count" + EXCLUDED."count",
         "duration_sum_ms" = "${table}"."duration_sum_ms" + EXCLUDED."duration_sum_ms",
         "duration_buckets" = ARRAY(SELECT a + b FROM unnest("${table}"."duration_buckets", EXCLUDED."duration_buckets") AS t(a, b))`,
      ...params,
    );
  }
}
