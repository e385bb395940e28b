import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess, requirePlatformAdmin } from "../access/require-access.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { NotFoundError } from "../errors.ts";
import { durationBucketBoundsMs } from "./usage-rollups.ts";
import type { UsageQuery } from "./usage.schema.ts";

/**
 * Dashboard figures read from the rollups only (never raw events): calls over time by
 * operation, success rate, top error codes and duration percentiles (from the histogram:
 * the upper bound of the bucket the percentile falls in).
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

interface RollupRow {
  bucketStart: Date;
  clientId: string;
  installationId: string;
  operation: string;
  result: string;
  errorCode: string;
  instance: string;
  count: number;
  durationBuckets: number[];
}

function summarize(rows: readonly RollupRow[], seriesOf: (row: RollupRow) => string) {
  const series = new Map<string, Map<string, number>>();
  const errors = new Map<string, number>();
  const buckets = new Array<number>(durationBucketBoundsMs.length + 1).fill(0);
  let total = 0;
  let successes = 0;
  for (const row of rows) {
    const key = seriesOf(row);
    const points = series.get(key) ?? new Map<string, number>();
    const at = row.bucketStart.toISOString();
    points.set(at, (points.get(at) ?? 0) + row.count);
    series.set(key, points);
    total += row.count;
    if (row.result === "success") successes += row.count;
    if (row.errorCode) errors.set(row.errorCode, (errors.get(row.errorCode) ?? 0) + row.count);
    row.durationBuckets.forEach((count, i) => (buckets[i]! += count));
  }
  return {
    total,
    successRate: total ? successes / total : null,
    series: [...series].map(([name, points]) => ({ name, points: [...points].sort().map(([at, count]) => ({ at, count })) })),
    topErrors: [...errors].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code, count]) => ({ code, count })),
    durationMs: { p50: percentileFromBuckets(buckets, 50), p95: percentileFromBuckets(buckets, 95) },
  };
}

export class UsageService {
  constructor(private readonly prisma: PrismaClient) {}

  async forClient(principal: Principal, name: string, query: UsageQuery) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientUsage", clientTarget(client));
    return this.read({ clientId: client.id }, query, (row) => row.operation);
  }

  async forInstallation(principal: Principal, installationId: string, query: UsageQuery) {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "readInstanceUsage", { kind: "installation", id: installationId });
    return this.read({ installationId }, query, (row) => row.instance || "(unknown)");
  }

  /** Platform administrators: every installation, with totals per installation and the busiest clients. */
  async overview(principal: Principal, query: UsageQuery) {
    requirePlatformAdmin(principal, "read the usage of all installations");
    const installations = await this.prisma.installation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
    const nameOf = new Map(installations.map((i) => [i.id, i.name]));
    const { rows, ...range } = await this.rows({}, query);
    const summary = summarize(rows, (row) => nameOf.get(row.installationId) ?? "(deleted installation)");
    const perInstallation = new Map<string, { total: number; successes: number; errors: number }>();
    const perClient = new Map<string, number>();
    for (const row of rows) {
      const totals = perInstallation.get(row.installationId) ?? { total: 0, successes: 0, errors: 0 };
      totals.total += row.count;
      if (row.result === "success") totals.successes += row.count;
      else totals.errors += row.count;
      perInstallation.set(row.installationId, totals);
      perClient.set(row.clientId, (perClient.get(row.clientId) ?? 0) + row.count);
    }
    const top = [...perClient].sort((a, b) => b[1] - a[1]).slice(0, 10);
    const clients = await this.prisma.client.findMany({ where: { id: { in: top.map(([id]) => id) } }, select: { id: true, name: true, installationId: true } });
    const clientOf = new Map(clients.map((c) => [c.id, c]));
    return {
      ...range,
      ...summary,
      installations: installations.map(({ id, name }) => {
        const totals = perInstallation.get(id) ?? { total: 0, successes: 0, errors: 0 };
        return { id, name, total: totals.total, successRate: totals.total ? totals.successes / totals.total : null, errors: totals.errors };
      }),
      topClients: top.map(([id, total]) => ({
        name: clientOf.get(id)?.name ?? "(deleted client)",
        installation: nameOf.get(clientOf.get(id)?.installationId ?? "") ?? "",
        total,
      })),
    };
  }

  private async read(where: Prisma.UsageRollupWhereInput, query: UsageQuery, seriesOf: (row: RollupRow) => string) {
    const { rows, ...range } = await this.rows(where, query);
    return { ...range, ...summarize(rows, seriesOf) };
  }

  private async rows(where: Prisma.UsageRollupWhereInput, query: UsageQuery) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const bucket = query.bucket ?? (to.getTime() - from.getTime() <= 3 * 86_400_000 ? "hour" : "day");
    const rows = await this.prisma.usageRollup.findMany({
      where: { ...where, granularity: bucket, bucketStart: { gte: from, lt: to } },
      select: { bucketStart: true, clientId: true, installationId: true, operation: true, result: true, errorCode: true, instance: true, count: true, durationBuckets: true },
    });
    return { from: from.toISOString(), to: to.toISOString(), bucket, rows };
  }
}
