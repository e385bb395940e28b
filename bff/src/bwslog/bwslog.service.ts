import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { NotFoundError } from "../errors.ts";
import type { BwsLogQuery } from "./bwslog.schema.ts";

/**
 * The bws-log of a client or of a whole installation: every call the installation logged
 * (imported from its `bwslog`) and every call the BFF served itself, newest first.
 * Rules:
 * - A client's log needs "read client log"; an installation's needs "read installation log".
 * - The range is half-open [from, to); pages are skip/take with the total in the range.
 */
export interface BwsLogEntry {
  id: string;
  at: string;
  client: string;
  instance: string | null;
  operation: string;
  result: string;
  errorCode: string | null;
  durationMs: number | null;
  bcid: string | null;
  source: string;
  details: unknown;
}

export class BwsLogService {
  constructor(private readonly prisma: PrismaClient) {}

  async forClient(principal: Principal, name: string, query: BwsLogQuery) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientLog", clientTarget(client));
    return this.read({ clientId: client.id }, query);
  }

  async forInstallation(principal: Principal, installationId: string, query: BwsLogQuery) {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "readInstallationLog", { kind: "installation", id: installationId });
    // A client filter naming no client of this installation matches nothing (`in: []`).
    const named = query.client ? await this.prisma.client.findMany({ where: { installationId, name: query.client }, select: { id: true } }) : null;
    return this.read({ installationId, ...(named ? { clientId: { in: named.map((c) => c.id) } } : {}) }, query);
  }

  private async read(scope: Prisma.UsageEventWhereInput, query: BwsLogQuery) {
    const where: Prisma.UsageEventWhereInput = {
      ...scope,
      at: { gte: new Date(query.from), lt: new Date(query.to) },
      ...(query.operation ? { operation: query.operation } : {}),
      ...(query.result ? { result: query.result } : {}),
      ...(query.errorCode ? { errorCode: query.errorCode } : {}),
      ...(query.instance ? { instance: query.instance } : {}),
    };
    const [total, rows] = await Promise.all([
      this.prisma.usageEvent.count({ where }),
      this.prisma.usageEvent.findMany({
        where,
        orderBy: [{ at: "desc" }, { id: "desc" }],
        skip: query.skip,
        take: query.take,
      }),
    ]);
    // Events outlive deleted clients (usage is history); their name is then unknown.
    const names = new Map(
      (await this.prisma.client.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.clientId))] } }, select: { id: true, name: true } })).map(
        (c) => [c.id, c.name],
      ),
    );
    const entries: BwsLogEntry[] = rows.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      client: names.get(row.clientId) ?? "(deleted client)",
      instance: row.instance,
      operation: row.operation,
      result: row.result,
      errorCode: row.errorCode,
      durationMs: row.durationMs,
      bcid: row.bcid,
      source: row.source,
      details: row.details ?? null,
    }));
    return { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString(), total, skip: query.skip, take: query.take, entries };
  }
}
