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
 * The database aggregates (GROUP BY); only the figures travel. A client's dashboard reads
 * usage_rollups by client; an installation's dashboard and the platform overview read
 * usage_installation_rollups (no client dimension), the overview's busiest clients
 * usage_client_totals: each reads about as many rows as a client's dashboard.
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

type SeriesKey = "r.operation" | "r.instance" | "r.installation_id";
type Table = "usage_rollups" | "usage_installation_rollups";

const histogramSums = Array.from({ length: durationBucketBoundsMs.length + 1 }, (_, i) => `COALESCE(sum(r.duration_buckets[${i + 1}]), 0)::bigint`).join(", ");

export class UsageService {
  constructor(private readonly prisma: PrismaClient) {}

  async forClient(principal: Principal, name: string, query: UsageQuery) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientUsage", clientTarget(client));
    return this.read("usage_rollups", { where: `r.client_id = $4::uuid`, params: [client.id] }, query, "r.operation");
  }

  async forInstallation(principal: Principal, installationId: string, query: UsageQuery) {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "readInstanceUsage", { kind: "installation", id: installationId });
    const usage = await this.read("usage_installation_rollups", { where: `r.installation_id = $4::uuid`, params: [installationId] }, query, "r.instance");
    return { ...usage, series: usage.series.map((s) => ({ ...s, name: s.name || "(unknown)" })) };
  }

  /** Platform administrators: every installation, with totals per installation and the busiest clients. */
  async overview(principal: Principal, query: UsageQuery) {
    requirePlatformAdmin(principal, "read the usage of all installations");
    const installations = await this.prisma.installation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
    const nameOf = new Map(installations.map((i) => [i.id, i.name]));
    const [{ usage, perInstallation }, top] = await Promise.all([
      this.aggregate("usage_installation_rollups", { where: "true", params: [] }, query, "r.installation_id", true),
      this.busiestClients(query),
    ]);
    const clients = await this.prisma.client.findMany({ where: { id: { in: top.map(([id]) => id) } }, select: { id: true, name: true, installationId: true } });
    const clientOf = new Map(clients.map((c) => [c.id, c]));
    return {
      ...usage,
      series: usage.series.map((s) => ({ ...s, name: nameOf.get(s.name) ?? "(deleted installation)" })),
      installations: installations.map(({ id, name }) => {
        const { total, successes } = perInstallation.get(id) ?? { total: 0, successes: 0 };
        return { id, name, total, successRate: total ? successes / total : null, errors: total - successes };
      }),
      topClients: top.map(([id, total]) => ({
        name: clientOf.get(id)?.name ?? "(deleted client)",
        installation: nameOf.get(clientOf.get(id)?.installationId ?? "") ?? "",
        total,
      })),
    };
  }

  private async read(table: Table, scope: Scope, query: UsageQuery, seriesKey: SeriesKey) {
    return (await this.aggregate(table, scope, query, seriesKey, false)).usage;
  }

  /** The ten clients with the most calls in range, from the per-client totals. */
  private async busiestClients(query: UsageQuery): Promise<[string, number][]> {
    const { from, to, bucket } = rangeOf(query);
    const rows = await this.prisma.$queryRawUnsafe<{ client_id: string; count: bigint }[]>(
      `SELECT t.client_id::text AS client_id, sum(t.count)::bigint AS count FROM usage_client_totals t
       WHERE t.granularity = $1 AND t.bucket_start >= $2::timestamp AND t.bucket_start < $3::timestamp
       GROUP BY t.client_id ORDER BY count DESC, client_id LIMIT 10`,
      bucket,
      sqlTimestamp(from),
      sqlTimestamp(to),
    );
    return rows.map((row) => [row.client_id, Number(row.count)]);
  }

  /**
   * One pass over the rollups in range (GROUPING SETS): points per bucket and series,
   * outcomes (result, error code) with their duration histograms, and for the overview
   * totals per installation.
   */
  private async aggregate(table: Table, scope: Scope, query: UsageQuery, seriesKey: SeriesKey, overview: boolean) {
    const { from, to, bucket } = rangeOf(query);
    const sets = ["(r.bucket_start, " + seriesKey + ")", "(r.result, r.error_code)", ...(overview ? ["(r.installation_id, r.result)"] : [])];
    const rows = await this.prisma.$queryRawUnsafe<
      { kind: "point" | "outcome" | "installation"; at: Date | null; name: string | null; result: string | null; error_code: string | null; installation_id: string | null; count: bigint; buckets: bigint[] }[]
    >(
      `SELECT CASE WHEN GROUPING(r.bucket_start) = 0 THEN 'point' WHEN GROUPING(r.error_code) = 0 THEN 'outcome'
                   ${overview ? "ELSE 'installation'" : ""} END AS kind,
              r.bucket_start AS at, ${seriesKey}::text AS name, r.result, r.error_code,
              ${overview ? "r.installation_id::text AS installation_id" : "NULL::text AS installation_id"},
              sum(r.count)::bigint AS count, ARRAY[${histogramSums}] AS buckets
       FROM ${table} r
       WHERE r.granularity = $1 AND r.bucket_start >= $2::timestamp AND r.bucket_start < $3::timestamp AND ${scope.where}
       GROUP BY GROUPING SETS (${sets.join(", ")})`,
      bucket,
      sqlTimestamp(from),
      sqlTimestamp(to),
      ...scope.params,
    );
    const series = new Map<string, { at: string; count: number }[]>();
    const errors = new Map<string, number>();
    const perInstallation = new Map<string, { total: number; successes: number }>();
    const histogram = new Array<number>(durationBucketBoundsMs.length + 1).fill(0);
    let total = 0;
    let successes = 0;
    for (const row of rows.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0))) {
      const count = Number(row.count);
      if (row.kind === "point") {
        const list = series.get(row.name!) ?? [];
        list.push({ at: new Date(row.at!).toISOString(), count });
        series.set(row.name!, list);
      } else if (row.kind === "outcome") {
        total += count;
        if (row.result === "success") successes += count;
        if (row.error_code) errors.set(row.error_code, (errors.get(row.error_code) ?? 0) + count);
        row.buckets.forEach((n, i) => (histogram[i]! += Number(n)));
      } else if (row.kind === "installation") {
        const totals = perInstallation.get(row.installation_id!) ?? { total: 0, successes: 0 };
        totals.total += count;
        if (row.result === "success") totals.successes += count;
        perInstallation.set(row.installation_id!, totals);
      }
    }
    const usage = {
      from: from.toISOString(),
      to: to.toISOString(),
      bucket,
      total,
      successRate: total ? successes / total : null,
      series: [...series].sort(([a], [b]) => a.localeCompare(b)).map(([name, points]) => ({ name, points })),
      topErrors: [...errors].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code, count]) => ({ code, count })),
      durationMs: { p50: percentileFromBuckets(histogram, 50), p95: percentileFromBuckets(histogram, 95) },
    };
    return { usage, perInstallation };
  }
}

function rangeOf(query: UsageQuery): { from: Date; to: Date; bucket: "hour" | "day" } {
  const from = new Date(query.from);
  const to = new Date(query.to);
  return { from, to, bucket: query.bucket ?? (to.getTime() - from.getTime() <= 3 * 86_400_000 ? "hour" : "day") };
}
