import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { allowedOperations, roleOn, type Principal } from "../access/can.ts";
import { requireAccess, requirePlatformAdmin } from "../access/require-access.ts";
import { readableInstallationsWhere } from "../access/visibility.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { SecretBox } from "../crypto/secret-box.ts";
import { isUniqueViolation } from "../db/prisma-errors.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../errors.ts";
import { ConnectionStringError, maskConnectionString, parseConnectionString } from "./connection-string.ts";
import { InstallationHosts } from "./installation-hosts.ts";
import type { CreateInstallation, UpdateInstallation } from "./installations.schema.ts";
import type { ImportReport } from "../sync/client-import.ts";

/**
 * Installations: created by platform administrators; endpoints, storages and the
 * connection string changed by installation Owners and Editors.
 * - The connection string is stored as a JWE under the data key. Readers see it masked;
 *   only Owners can fetch it in clear (`connectionString()`). What is stored is the
 *   normalised string (connection-string.ts), and every host it names must be allowed by
 *   INSTALLATION_HOSTS (400 otherwise).
 * - A storage that holds clients cannot be removed; an installation with clients cannot
 *   be deleted.
 */
const select = {
  id: true,
  name: true,
  endpointUrls: true,
  connectionStringEnc: true,
  createdAt: true,
  updatedAt: true,
  storages: { select: { id: true, name: true, _count: { select: { clients: true } } }, orderBy: { name: "asc" } },
  _count: { select: { clients: true, certificates: true } },
} as const satisfies Prisma.InstallationSelect;

type InstallationRow = Prisma.InstallationGetPayload<{ select: typeof select }>;
export const connectionStringKind = "installation-connection-string";

/** Runs the import of an installation's clients once a connection string is set. */
export type ConnectionStringListener = (
  installationId: string,
  connectionString: string | null,
  actor: Principal,
) => Promise<ImportReport | undefined>;

export class InstallationsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    private readonly onConnectionString: ConnectionStringListener,
    private readonly hosts: InstallationHosts = new InstallationHosts(),
  ) {}

  async list(principal: Principal) {
    const rows = await this.prisma.installation.findMany({ where: readableInstallationsWhere(principal), orderBy: { name: "asc" }, select });
    const items = await Promise.all(rows.map((row) => this.toView(principal, row)));
    return { items, total: items.length };
  }

  async get(principal: Principal, id: string) {
    const row = await this.find(id);
    requireAccess(principal, "readInfo", { kind: "installation", id });
    return this.toView(principal, row);
  }

  async connectionString(principal: Principal, id: string) {
    const row = await this.find(id);
    requireAccess(principal, "readConnectionString", { kind: "installation", id });
    return { connectionString: row.connectionStringEnc ? await this.box.open(connectionStringKind, row.connectionStringEnc) : null };
  }

  async create(principal: Principal, input: CreateInstallation) {
    requirePlatformAdmin(principal, "create installations");
    if (input.connectionString) this.checkHosts(input.connectionString);
    const connectionStringEnc = input.connectionString ? await this.box.seal(connectionStringKind, input.connectionString) : null;
    const created = await this.prisma
      .$transaction(async (tx) => {
        const row = await tx.installation.create({
          data: {
            name: input.name,
            endpointUrls: input.endpointUrls,
            connectionStringEnc,
            storages: { create: input.storages.map((name) => ({ name })) },
          },
          select,
        });
        await recordAudit(tx, principal, {
          action: "installation.create",
          objectType: "installation",
          objectId: row.id,
          installationId: row.id,
          after: { name: row.name, endpointUrls: row.endpointUrls, storages: input.storages, connectionString: input.connectionString },
        });
        return row;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConflictError(`An installation named '${input.name}' already exists.`);
        throw error;
      });
    const importReport = input.connectionString ? await this.onConnectionString(created.id, input.connectionString, principal) : undefined;
    return { ...(await this.toView(principal, created)), ...(importReport ? { importReport } : {}) };
  }

  async update(principal: Principal, id: string, input: UpdateInstallation) {
    const before = await this.find(id);
    requireAccess(principal, "updateInstallation", { kind: "installation", id });
    if (input.name !== undefined && input.name !== before.name) requirePlatformAdmin(principal, "rename installations");
    const removedStorages = input.storages ? before.storages.filter((s) => !input.storages!.includes(s.name)) : [];
    const busy = removedStorages.find((s) => s._count.clients > 0);
    if (busy) throw new ConflictError(`Storage '${busy.name}' still holds ${busy._count.clients} client(s) and cannot be removed.`);
    const addedStorages = input.storages ? input.storages.filter((name) => !before.storages.some((s) => s.name === name)) : [];
    if (input.connectionString) this.checkHosts(input.connectionString);
    const connectionStringEnc =
      input.connectionString === undefined
        ? undefined
        : input.connectionString === null
          ? null
          : await this.box.seal(connectionStringKind, input.connectionString);

    const updated = await this.prisma
      .$transaction(async (tx) => {
        if (removedStorages.length) await tx.storage.deleteMany({ where: { id: { in: removedStorages.map((s) => s.id) } } });
        const row = await tx.installation.update({
          where: { id },
          data: {
            name: input.name,
            endpointUrls: input.endpointUrls,
            connectionStringEnc,
            storages: addedStorages.length ? { create: addedStorages.map((name) => ({ name })) } : undefined,
          },
          select,
        });
        await recordAudit(tx, principal, {
          action: "installation.update",
          objectType: "installation",
          objectId: id,
          installationId: id,
          before: { name: before.name, endpointUrls: before.endpointUrls, storages: before.storages.map((s) => s.name) },
          after: {
            name: row.name,
            endpointUrls: row.endpointUrls,
            storages: row.storages.map((s) => s.name),
            ...(input.connectionString !== undefined ? { connectionString: input.connectionString ? "changed" : "removed" } : {}),
          },
        });
        return row;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConflictError(`An installation named '${input.name}' already exists.`);
        throw error;
      });
    const importReport =
      input.connectionString !== undefined ? await this.onConnectionString(id, input.connectionString, principal) : undefined;
    return { ...(await this.toView(principal, updated)), ...(importReport ? { importReport } : {}) };
  }

  async remove(principal: Principal, id: string) {
    const row = await this.find(id);
    requirePlatformAdmin(principal, "delete installations");
    if (row._count.clients > 0) {
      throw new ConflictError(`Installation '${row.name}' still has ${row._count.clients} client(s); delete or move them first.`);
    }
    await this.prisma.$transaction(async (tx) => {
      await tx.installation.delete({ where: { id } });
      await recordAudit(tx, principal, {
        action: "installation.delete",
        objectType: "installation",
        objectId: id,
        installationId: null,
        before: { name: row.name, endpointUrls: row.endpointUrls },
      });
    });
  }

  private checkHosts(connectionString: string): void {
    try {
      this.hosts.check(parseConnectionString(connectionString));
    } catch (error) {
      if (error instanceof ConnectionStringError) throw new BadRequestError(`connectionString: ${error.message}`, "ValidationFailed");
      throw error;
    }
  }

  private async find(id: string): Promise<InstallationRow> {
    const row = await this.prisma.installation.findUnique({ where: { id }, select });
    if (!row) throw new NotFoundError(`There is no installation with id '${id}'.`);
    return row;
  }

  private async toView(principal: Principal, row: InstallationRow) {
    const role = principal.isPlatformAdmin ? "Owner" : (roleOn(principal, "installation", row.id) ?? null);
    const masked = row.connectionStringEnc ? maskConnectionString(await this.box.open(connectionStringKind, row.connectionStringEnc)) : null;
    return {
      id: row.id,
      name: row.name,
      endpointUrls: row.endpointUrls,
      storages: row.storages.map((s) => s.name),
      storageDetails: row.storages.map((s) => ({ name: s.name, clientCount: s._count.clients })),
      clientCount: row._count.clients,
      certificateCount: row._count.certificates,
      connectionString: { configured: masked !== null, masked },
      role,
      allowed: allowedOperations(principal, { kind: "installation", id: row.id }),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
