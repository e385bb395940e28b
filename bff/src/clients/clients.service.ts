import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { allowedOperations, can, effectiveClientRole, type Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { readableClientsWhere } from "../access/visibility.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { isUniqueViolation } from "../db/prisma-errors.ts";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";
import type { CreateClient, ListClientsQuery, OwnershipChange, UpdateClient } from "./clients.schema.ts";
import { clientTarget, findClient } from "./find-client.ts";
import { nextFreePartition } from "./partition-allocator.ts";
import type { ClientSync } from "../sync/client-sync.ts";

/**
 * Clients (tenants) of an installation.
 * - Names are unique; a partition is used by exactly one client of a storage.
 * - Created and deleted by installation Owners/Editors; flags changed by anyone with `updateClient`.
 * - Ownership is a permission: choosing a new client's Owner (`ownerUserId`) and adding or
 *   transferring ownership need `manageClientOwnership` (installation Owners, platform
 *   administrators). An installation Editor creates clients without an Owner.
 * - Every change bumps `version`, the counter pushed to the installation.
 */
const select = {
  id: true,
  name: true,
  partition: true,
  expiresAt: true,
  identification: true,
  logImages: true,
  logLevel: true,
  logRetentionDays: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  installationId: true,
  installation: { select: { id: true, name: true, endpointUrls: true } },
  storage: { select: { name: true } },
  _count: { select: { keys: true, certificates: true } },
} as const satisfies Prisma.ClientSelect;

type ClientRow = Prisma.ClientGetPayload<{ select: typeof select }>;

function toSummary(principal: Principal, row: ClientRow, now: Date) {
  return {
    id: row.id,
    name: row.name,
    installation: { id: row.installation.id, name: row.installation.name },
    storage: row.storage.name,
    partition: row.partition,
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt.getTime() <= now.getTime(),
    identification: row.identification,
    role: effectiveClientRole(principal, clientTarget(row), now) ?? null,
  };
}

function toDetail(principal: Principal, row: ClientRow) {
  return {
    ...toSummary(principal, row, new Date()),
    installation: row.installation,
    logging: { logImages: row.logImages, level: row.logLevel, retentionDays: row.logRetentionDays },
    version: row.version,
    allowed: allowedOperations(principal, clientTarget(row)),
    /** Deleting a client is an installation-level decision (`createClients`). */
    canDelete: can(principal, "createClients", { kind: "installation", id: row.installationId }),
    keyCount: row._count.keys,
    certificateCount: row._count.certificates,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function auditView(row: ClientRow) {
  return {
    name: row.name,
    storage: row.storage.name,
    partition: row.partition,
    expiresAt: row.expiresAt,
    identification: row.identification,
    logging: { logImages: row.logImages, level: row.logLevel, retentionDays: row.logRetentionDays },
  };
}

export class ClientsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sync: ClientSync,
  ) {}

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
      this.prisma.client.findMany({ where, orderBy, skip: query.offset, take: query.limit, select }),
      this.prisma.client.count({ where }),
    ]);
    return { items: rows.map((row) => toSummary(principal, row, now)), total };
  }

  /** Client info as seed 000's scripts read it. */
  async get(principal: Principal, name: string) {
    const row = await this.prisma.client.findUnique({ where: { name }, select });
    if (!row) throw new NotFoundError(`There is no client named '${name}'.`);
    requireAccess(principal, "readInfo", clientTarget(row));
    return toDetail(principal, row);
  }

  async create(principal: Principal, input: CreateClient) {
    const storage = await this.prisma.storage.findUnique({
      where: { installationId_name: { installationId: input.installationId, name: input.storage } },
    });
    if (!storage) {
      const installation = await this.prisma.installation.findUnique({ where: { id: input.installationId }, select: { id: true } });
      if (!installation) throw new NotFoundError(`There is no installation with id '${input.installationId}'.`);
      requireAccess(principal, "createClients", { kind: "installation", id: input.installationId });
      throw new BadRequestError(`The installation has no storage named '${input.storage}'.`);
    }
    requireAccess(principal, "createClients", { kind: "installation", id: input.installationId });
    if (input.ownerUserId && !can(principal, "manageClientOwnership", { kind: "installation", id: input.installationId })) {
      throw new ForbiddenError(
        "Only Owners of the installation may choose a client's Owner: create the client without ownerUserId and ask an installation Owner to add one.",
      );
    }
    if (input.ownerUserId && !(await this.prisma.user.findUnique({ where: { id: input.ownerUserId }, select: { id: true } }))) {
      throw new BadRequestError(`There is no user with id '${input.ownerUserId}'.`);
    }

    const attempts = input.partition === "next" ? 5 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.prisma.$transaction(async (tx) => {
          const partition = input.partition === "next" ? await nextFreePartition(tx, storage.id) : input.partition;
          const created = await tx.client.create({
            data: {
              name: input.name,
              installationId: input.installationId,
              storageId: storage.id,
              partition,
              expiresAt: input.expiresAt,
              identification: input.identification,
              logImages: input.logging.logImages ?? false,
              logLevel: input.logging.level ?? "info",
              logRetentionDays: input.logging.retentionDays ?? 30,
            },
            select,
          });
          if (input.ownerUserId) {
            await tx.permission.create({ data: { userId: input.ownerUserId, clientId: created.id, role: "OWNER", grantedById: principal.userId } });
          }
          await this.sync.enqueueUpsert(tx, created.id);
          await recordAudit(tx, principal, {
            action: "client.create",
            objectType: "client",
            objectId: created.id,
            installationId: created.installationId,
            after: { ...auditView(created), ownerUserId: input.ownerUserId },
          });
          return created;
        });
        return toDetail(principal, row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await this.explainConflict(input, storage.id);
        if (attempt >= attempts) throw new ConflictError("Another client took the next free partition at the same moment. Try again.");
      }
    }
  }

  async update(principal: Principal, name: string, input: UpdateClient) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "updateClient", clientTarget(client));
    const row = await this.prisma.$transaction(async (tx) => {
      const before = await tx.client.findUniqueOrThrow({ where: { id: client.id }, select });
      const after = await tx.client.update({
        where: { id: client.id },
        data: {
          expiresAt: input.expiresAt,
          identification: input.identification,
          logImages: input.logging?.logImages,
          logLevel: input.logging?.level,
          logRetentionDays: input.logging?.retentionDays,
          version: { increment: 1 },
          // A new expiry in the future re-arms the push of "disabled" when it passes.
          expiryPushedAt: input.expiresAt && input.expiresAt.getTime() > Date.now() ? null : undefined,
        },
        select,
      });
      await this.sync.enqueueUpsert(tx, client.id);
      await recordAudit(tx, principal, {
        action: "client.update",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
    return toDetail(principal, row);
  }

  async remove(principal: Principal, name: string) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "createClients", { kind: "installation", id: client.installationId });
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.client.findUniqueOrThrow({ where: { id: client.id }, select });
      await this.sync.enqueueDelete(tx, { id: client.id, name: client.name, installationId: client.installationId, version: before.version });
      await tx.clientCertificate.deleteMany({ where: { clientId: client.id } });
      await tx.client.delete({ where: { id: client.id } });
      await recordAudit(tx, principal, {
        action: "client.delete",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        before: auditView(before),
      });
    });
  }

  /** Adds an Owner to a client, or makes a user its only direct Owner ("transfer"). */
  async changeOwnership(principal: Principal, name: string, input: OwnershipChange) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "manageClientOwnership", clientTarget(client));
    const user = await this.prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, username: true } });
    if (!user) throw new BadRequestError(`There is no user with id '${input.userId}'.`);
    await this.prisma.$transaction(async (tx) => {
      const owners = await tx.permission.findMany({ where: { clientId: client.id, role: "OWNER" }, select: { id: true, userId: true } });
      if (input.mode === "transfer") {
        await tx.permission.deleteMany({ where: { clientId: client.id, role: "OWNER", userId: { not: user.id } } });
      }
      await tx.permission.upsert({
        where: { userId_clientId: { userId: user.id, clientId: client.id } },
        create: { userId: user.id, clientId: client.id, role: "OWNER", grantedById: principal.userId },
        update: { role: "OWNER", expiresAt: null, grantedById: principal.userId },
      });
      await recordAudit(tx, principal, {
        action: input.mode === "transfer" ? "client.ownership.transfer" : "client.ownership.add",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        before: { ownerUserIds: owners.map((o) => o.userId) },
        after: { ownerUserId: user.id, ownerUsername: user.username, mode: input.mode },
      });
    });
    return { name: client.name, owner: { id: user.id, username: user.username }, mode: input.mode };
  }

  private async explainConflict(input: CreateClient, storageId: string): Promise<void> {
    const byName = await this.prisma.client.findUnique({ where: { name: input.name }, select: { id: true } });
    if (byName) throw new ConflictError(`A client named '${input.name}' already exists.`);
    if (input.partition !== "next") {
      const holder = await this.prisma.client.findUnique({
        where: { storageId_partition: { storageId, partition: input.partition } },
        select: { name: true },
      });
      throw new ConflictError(
        `Partition ${input.partition} of storage '${input.storage}' is already used${holder ? ` by client '${holder.name}'` : ""}.`,
      );
    }
  }
}
