import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { ClientSync } from "../sync/client-sync.ts";
import type { ListClassesQuery } from "./classes.schema.ts";

/**
 * A client's enrolled classes, from the SQL index (see class-import.ts).
 * Rules:
 * - Reading needs "read client log, read samples" (class ids are biometric data of the
 *   client's users); counting is usage and needs only "read client usage".
 * - Deleting a class or a pattern needs a certificate attached to the client: BWS
 *   performs it on the client's behalf (seed 000). It leaves the index at once and
 *   reaches the installation through the outbox.
 */
export interface ClassView {
  bcid: string;
  classId: number;
  traits: { trait: string; templates: number }[];
  enrolledAt: string;
  updatedAt: string;
}

export class ClassesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clientSync: ClientSync,
  ) {}

  async count(principal: Principal, name: string, trait: string): Promise<number> {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientUsage", clientTarget(client));
    const [row] = await this.prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM "biometric_classes"
      WHERE "client_id" = ${client.id}::uuid AND "traits" @> ${JSON.stringify([{ trait }])}::jsonb`;
    return Number(row?.count ?? 0);
  }

  async list(principal: Principal, name: string, query: ListClassesQuery): Promise<ClassView[]> {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientLog", clientTarget(client));
    const rows = await this.prisma.biometricClass.findMany({
      where: { clientId: client.id },
      orderBy: { classId: "asc" },
      take: query.maxclasses,
    });
    return rows.map((row) => ({
      bcid: `${row.storage}.${row.partition}.${row.classId}`,
      classId: Number(row.classId),
      traits: row.traits as ClassView["traits"],
      enrolledAt: row.enrolledAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  /** Deletes a whole class, or only the templates of one trait when `trait` is given. */
  async delete(principal: Principal, name: string, classId: bigint, trait?: string): Promise<{ Message: string }> {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "deleteClasses", clientTarget(client));
    const what = `Class ${classId} of '${name}'`;
    return this.prisma.$transaction(async (tx) => {
      const full = await tx.client.findUniqueOrThrow({
        where: { id: client.id },
        select: {
          version: true,
          storage: { select: { name: true } },
          installation: { select: { connectionStringEnc: true } },
          _count: { select: { certificates: true } },
        },
      });
      if (full._count.certificates === 0) {
        throw new ConflictError(
          `Deleting classes needs a certificate attached to '${name}': BWS deletes them on the client's behalf. Attach one on the Certificates tab, or delete the class from your BWS client application.`,
        );
      }
      const row = await tx.biometricClass.findFirst({ where: { clientId: client.id, classId } });
      if (!row) throw new NotFoundError(`There is no class ${classId} enrolled with client '${name}'.`);
      const current = row.traits as ClassView["traits"];
      if (trait !== undefined && !current.some((t) => t.trait === trait)) {
        throw new NotFoundError(`Class ${classId} of client '${name}' has no ${trait} templates.`);
      }
      const remaining = trait === undefined ? [] : current.filter((t) => t.trait !== trait);
      if (remaining.length === 0) await tx.biometricClass.delete({ where: { id: row.id } });
      else await tx.biometricClass.update({ where: { id: row.id }, data: { traits: remaining, updatedAt: new Date() } });
      await this.clientSync.enqueueClassDelete(
        tx,
        { id: client.id, name, installationId: client.installationId, version: full.version },
        { storage: full.storage.name, partition: client.partition, classId, ...(trait ? { trait } : {}) },
      );
      await recordAudit(tx, principal, {
        action: trait ? "client.class.deletePattern" : "client.class.delete",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        before: { classId: String(classId), traits: current },
        after: trait ? { classId: String(classId), traits: remaining } : undefined,
      });
      const waits = full.installation.connectionStringEnc
        ? ""
        : " It waits until the installation has a connection string.";
      return {
        Message: trait
          ? `The ${trait} templates of class ${classId} of '${name}' are deleted here and queued for deletion on the installation.${waits}`
          : `${what} is deleted here and queued for deletion on the installation.${waits}`,
      };
    });
  }
}
