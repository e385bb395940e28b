import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { can, roleOn, type Principal } from "../access/can.ts";
import { readableInstallationsWhere } from "../access/visibility.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";

const select = {
  id: true,
  name: true,
  endpointUrls: true,
  storages: { select: { name: true }, orderBy: { name: "asc" } },
  _count: { select: { clients: true } },
} as const satisfies Prisma.InstallationSelect;

type InstallationRow = Prisma.InstallationGetPayload<{ select: typeof select }>;

function toSummary(principal: Principal, row: InstallationRow) {
  return {
    id: row.id,
    name: row.name,
    endpointUrls: row.endpointUrls,
    storages: row.storages.map((s) => s.name),
    clientCount: row._count.clients,
    role: principal.isPlatformAdmin ? "Owner" : (roleOn(principal, "installation", row.id) ?? null),
  };
}

export class InstallationsService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(principal: Principal) {
    const rows = await this.prisma.installation.findMany({
      where: readableInstallationsWhere(principal),
      orderBy: { name: "asc" },
      select,
    });
    return { items: rows.map((row) => toSummary(principal, row)), total: rows.length };
  }

  async get(principal: Principal, id: string) {
    const row = await this.prisma.installation.findUnique({ where: { id }, select });
    if (!row) throw new NotFoundError(`There is no installation with id '${id}'.`);
    if (!can(principal, "readInfo", { kind: "installation", id })) {
      throw new ForbiddenError(`You have no access to installation '${row.name}'.`);
    }
    return toSummary(principal, row);
  }
}
