import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess, requirePlatformAdmin } from "../access/require-access.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { sqlTimestamp } from "../db/sql-timestamp.ts";
import { NotFoundError } from "../errors.ts";
import { durationBucketBoundsMs } from "./usage-rollups.ts";
import type { UsageQuery } from "./usage.schema.ts";

/**
 * Dashboard figures read from the rollups only (never raw events): calls over time per
 * series, success rate, top error codes and duration percentiles (from the histogram:
 * the upper bound of the bucket the percentile falls in).
 * The database aggregates (GROUP BY); only the figures travel, so a 90-day overview of
 * every installation reads as many rows as it has points, not as many as it has rollups.
 */
export function percentileFromBuckets(buckets: readonly number[], p: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [i, count] of buckets.entries()) {
    seen += count;
    if (seen >= (p / 100) * total) return durationBucketBoundsMs[i] ?? Infinity;
  }
  return null;
}

/** A trusted SQL condition on the rollups (alias r) with its parameters from $4 on. */
interface Scope {
  where: string;
  params: unknown[];
}

type SeriesKey = "r.operation" | "r.instance" | "r.installation_id::text";

const histogramSums = Array.from({ length: durationBucketBoundsMs.length + 1 }, (_, i) => `COALESCE(sum(r.duration_buckets[${i + 1}]), 0)::bigint`).join(", ");

export class UsageService {
  constructor(private readonly prisma: PrismaClient) {}

  async forClient(principal: Principal, name: string, query: UsageQuery) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientUsage", clientTarget(client));
    return this.read({ where: `r.client_id = $4::uuid`, params: [client.id] }, query, "r.operation");
  }

  async forInstallation(principal: Principal, installationId: string, query: UsageQuery) {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "readInstanceUsage", { kind: "installation", id: installationId });
    const usage = await this.read({ where: `r.installation_id = $4::uuid`, params: [installationId] }, query, "r.instance");
    return { ...usage, series: usage.series.map((s) => ({ ...s, name: s.name || "(unknown)" })) };
  }

  /** Platform administrators: every installation, with totals per installation and the busiest clients. */
  async overview(principal: Principal, query: UsageQuery) {
    requirePlatformAdmin(principal, "read the usage of all installations");
    const installations = await this.prisma.installation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
    const nameOf = new Map(installations.map((i) => [i.id, i.name]));
    const all: Scope = { where: "true", params: [] };
    const usage = await this.read(all, query, "r.installation_id::text");
    const range = this.range(query);
    const perInstallation = await this.prisma.$queryRawUnsafe<{ id: string; total: bigint; successes: bigint }[]>(
      `SELECT r.installation_id::text AS id, sum(r.count)::bigint AS total, (sum(r.count) FILTER (WHERE r.result = 'success'))::bigint AS successes
       FROM usage_rollups r WHERE r.granularity = $1 AND r.bucket_start >= $2::timestamp AND r.bucket_start < $3::timestamp GROUP BY 1`,
      ...range.params,
    );
    const top = await this.prisma.$queryRawUnsafe<{ client_id: string; total: bigint }[]>(
      `SELECT r.client_id::text AS client_id, sum(r.count)::bigint AS total
       FROM usage_rollups r WHERE r.granularity = $1 AND r.bucket_start >= $2::timestamp AND r.bucket_start < $3::timestamp
       GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
      ...range.params,
    );
    const clients = await this.prisma.client.findMany({ where: { id: { in: top.map((t) => t.client_id) } }, select: { id: true, name: true, installationId: true } });
    const clientOf = new Map(clients.map((c) => [c.id, c]));
    const totals = new Map(perInstallation.map((row) => [row.id, { total: Number(row.total), successes: Number(row.successes ?? 0) }]));
    return {
      ...usage,
      series: usage.series.map((s) => ({ ...s, name: nameOf.get(s.name) ?? "(deleted installation)" })),
      installations: installations.map(({ id, name }) => {
        const { total, successes } = totals.get(id) ?? { total: 0, successes: 0 };
        return { id, name, total, successRate: total ? successes / total : null, errors: total - successes };
      }),
      topClients: top.map((row) => ({
        name: clientOf.get(row.client_id)?.name ?? "(deleted client)",
        installation: nameOf.get(clientOf.get(row.client_id)?.installationId ?? "") ?? "",
        total: Number(row.total),
      })),
    };
  }

  private range(query: UsageQuery) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const bucket = query.bucket ?? (to.getTime() - from.getTime() <= 3 * 86_400_000 ? "hour" : "day");
    return { from, to, bucket, params: [bucket, sqlTimestamp(from), sqlTimestamp(to)] as unknown[] };
  }

  private async read(scope: Scope, query: UsageQuery, seriesKey: SeriesKey) {
    const range = this.range(query);
    const where = `r.granularity = $1 AND r.bucket_start >= $2::timestamp AND r.bucket_start < $3::timestamp AND ${scope.where}`;
    const params = [...range.params, ...scope.params];
    const points = await this.prisma.$queryRawUnsafe<{ at: Date; name: string; count: bigint }[]>(
      `SELECT r.bucket_start AS at, ${seriesKey} AS name, sum(r.count)::bigint AS count FROM usage_rollups r WHERE ${where} GROUP BY 1, 2 ORDER BY 2, 1`,
      ...params,
    );
    const outcomes = await this.prisma.$queryRawUnsafe<{ result: string; error_code: string; count: bigint }[]>(
      `SELECT r.result, r.error_code, sum(r.count)::bigint AS count FROM usage_rollups r WHERE ${where} GROUP BY 1, 2`,
      ...params,
    );
    const [histogram] = await this.prisma.$queryRawUnsafe<{ buckets: bigint[] }[]>(
      `SELECT ARRAY[${histogramSums}] AS buckets FROM usage_rollups r WHERE ${where}`,
      ...params,
    );
    const series = new Map<string, { at: string; count: number }[]>();
    for (const point of points) {
      const list = series.get(point.name) ?? [];
      list.push({ at: new Date(point.at).toISOString(), count: Number(point.count) });
      series.set(point.name, list);
    }
    let total = 0;
    let successes = 0;
    const errors = new Map<string, number>();
    for (const row of outcomes) {
      const count = Number(row.count);
      total += count;
      if (row.result === "success") successes += count;
      if (row.error_code) errors.set(row.error_code, (errors.get(row.error_code) ?? 0) + count);
    }
    const buckets = (histogram?.buckets ?? []).map(Number);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      bucket: range.bucket,
      total,
      successRate: total ? successes / total : null,
      series: [...series].map(([name, list]) => ({ name, points: list })),
      topErrors: [...errors].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code, count]) => ({ code, count })),
      durationMs: { p50: percentileFromBuckets(buckets, 50), p95: percentileFromBuckets(buckets, 95) },
    };
  }
}
