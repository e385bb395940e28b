import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { can, effectiveClientRole, type Principal } from "../access/can.ts";
import { readableClientsWhere } from "../access/visibility.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { ListClientsQuery } from "./clients.schema.ts";

const listSelect = {
  id: true,
  name: true,
  partition: true,
  expiresAt: true,
  identification: true,
  installationId: true,
  installation: { select: { id: true, name: true } },
  storage: { select: { name: true } },
} as const satisfies Prisma.ClientSelect;

type ClientRow = Prisma.ClientGetPayload<{ select: typeof listSelect }>;

export function toClientSummary(principal: Principal, row: ClientRow, now: Date) {
  return {
    id: row.id,
    name: row.name,
    installation: row.installation,
    storage: row.storage.name,
    partition: row.partition,
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt.getTime() <= now.getTime(),
    identification: row.identification,
    role: effectiveClientRole(principal, { kind: "client", id: row.id, installationId: row.installationId }, now) ?? null,
  };
}

export class ClientsService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(principal: Principal, query: ListClientsQuery) {
    const now = new Date();
    const where: Prisma.ClientWhereInput = {
      AND: [
        readableClientsWhere(principal, now),
        query.q ? { name: { contains: query.q, mode: "insensitive" } } : {},
        query.installationId ? { installationId: query.installationId } : {},
      ],
    };
    const orderBy: Prisma.ClientOrderByWithRelationInput[] =
      query.sort === "installation"
        ? [{ installation: { name: query.dir } }, { name: "asc" }]
        : [{ [query.sort]: query.dir }, { name: "asc" }];
    const [rows, total] = await Promise.all([
      this.prisma.client.findMany({ where, orderBy, skip: query.offset, take: query.limit, select: listSelect }),
      this.prisma.client.count({ where }),
    ]);
    return { items: rows.map((row) => toClientSummary(principal, row, now)), total };
  }

  /** Client info as seed 000's scripts read it. */
  async get(principal: Principal, name: string) {
    const row = await this.prisma.client.findUnique({
      where: { name },
      select: {
        ...listSelect,
        logImages: true,
        logLevel: true,
        logRetentionDays: true,
        createdAt: true,
        updatedAt: true,
        installation: { select: { id: true, name: true, endpointUrls: true } },
      },
    });
    if (!row) throw new NotFoundError(`There is no client named '${name}'.`);
    if (!can(principal, "readInfo", { kind: "client", id: row.id, installationId: row.installationId })) {
      throw new ForbiddenError(`You have no access to client '${name}'.`);
    }
    const now = new Date();
    return {
      ...toClientSummary(principal, row, now),
      installation: row.installation,
      logging: { logImages: row.logImages, level: row.logLevel, retentionDays: row.logRetentionDays },
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
