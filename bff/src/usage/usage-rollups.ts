import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Adds a batch of usage events to the hourly and daily rollups, in the transaction that
 * stores the events, so counts and events never disagree.
 * - usage_rollups: one row per bucket, client, instance, operation, result and error code
 *   (client dashboards); usage_installation_rollups: per bucket, installation, instance,
 *   result and error code (installation dashboards, platform overview);
 *   usage_client_totals: calls per bucket and client (the overview's busiest clients).
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

/** The same rows without client and operation (the usage_installation_rollups key). */
export function installationRowsOf(rows: readonly RollupRow[]): RollupRow[] {
  return merge(rows, (row) => [row.granularity, row.bucketStart.toISOString(), row.installationId, row.instance, row.result, row.errorCode], { clientId: "", operation: "" });
}

/** Calls per bucket and client (the usage_client_totals key). */
export function clientTotalsOf(rows: readonly RollupRow[]): RollupRow[] {
  return merge(rows, (row) => [row.granularity, row.bucketStart.toISOString(), row.clientId], { instance: "", operation: "", result: "", errorCode: "" });
}

function merge(rows: readonly RollupRow[], keyOf: (row: RollupRow) => string[], cleared: Partial<RollupRow>): RollupRow[] {
  const merged = new Map<string, RollupRow>();
  for (const row of rows) {
    const key = keyOf(row).join("|");
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { ...row, ...cleared, buckets: [...row.buckets] });
      continue;
    }
    into.count += row.count;
    into.durationSumMs += row.durationSumMs;
    row.buckets.forEach((n, i) => (into.buckets[i]! += n));
  }
  return [...merged.values()];
}

type Column = "granularity" | "bucket_start" | "client_id" | "installation_id" | "instance" | "operation" | "result" | "error_code";

/** Each rollup table: its key and whether it keeps durations (sum and histogram). */
export const rollupTables = {
  usage_rollups: { key: ["granularity", "bucket_start", "client_id", "instance", "operation", "result", "error_code"], extra: ["installation_id"], durations: true },
  usage_installation_rollups: { key: ["granularity", "bucket_start", "installation_id", "instance", "result", "error_code"], extra: [], durations: true },
  usage_client_totals: { key: ["granularity", "bucket_start", "client_id"], extra: ["installation_id"], durations: false },
} as const satisfies Record<string, { key: readonly Column[]; extra: readonly Column[]; durations: boolean }>;

export type RollupTable = keyof typeof rollupTables;

export async function addToRollups(tx: Prisma.TransactionClient, events: readonly RollupEvent[]): Promise<void> {
  const rows = aggregate(events);
  await upsertRows(tx, "usage_rollups", rows);
  await upsertRows(tx, "usage_installation_rollups", installationRowsOf(rows));
  await upsertRows(tx, "usage_client_totals", clientTotalsOf(rows));
}

const valueOf: Record<Column, (row: RollupRow) => unknown> = {
  granularity: (row) => row.granularity,
  bucket_start: (row) => sqlTimestamp(row.bucketStart),
  client_id: (row) => row.clientId,
  installation_id: (row) => row.installationId,
  instance: (row) => row.instance,
  operation: (row) => row.operation,
  result: (row) => row.result,
  error_code: (row) => row.errorCode,
};
const castOf: Partial<Record<Column, string>> = { bucket_start: "::timestamp", client_id: "::uuid", installation_id: "::uuid" };

const rowsPerStatement = 2000;

async function upsertRows(tx: Prisma.TransactionClient, table: RollupTable, rows: readonly RollupRow[]): Promise<void> {
  const { key, extra, durations } = rollupTables[table];
  const dimensions: readonly Column[] = [...key, ...extra];
  const columns = [...dimensions, "count", ...(durations ? ["duration_sum_ms", "duration_buckets"] : [])];
  const casts = [...dimensions.map((column) => castOf[column] ?? ""), "::int", ...(durations ? ["::bigint", "::int[]"] : [])];
  const updates = [
    `"count" = "${table}"."count" + EXCLUDED."count"`,
    ...(durations
      ? [
          `"duration_sum_ms" = "${table}"."duration_sum_ms" + EXCLUDED."duration_sum_ms"`,
          `"duration_buckets" = ARRAY(SELECT a + b FROM unnest("${table}"."duration_buckets", EXCLUDED."duration_buckets") AS t(a, b))`,
        ]
      : []),
  ];
  // At most 13 parameters a row: 2,000 rows stay well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + rowsPerStatement).map((row) => {
      const base = params.length;
      params.push(...dimensions.map((column) => valueOf[column](row)), row.count, ...(durations ? [row.durationSumMs, `{${row.buckets.join(",")}}`] : []));
      return `(${casts.map((cast, n) => `$${base + n + 1}${cast}`).join(", ")})`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
       VALUES ${values.join(", ")}
       ON CONFLICT (${key.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${updates.join(", ")}`,
      ...params,
    );
  }
}
