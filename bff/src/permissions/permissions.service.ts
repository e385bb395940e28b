import type { PrismaClient } from "../generated/prisma/client.ts";
import type { AccessTarget, Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { roleNameOf, roleOf } from "../auth/load-principal.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { BadRequestError, NotFoundError } from "../errors.ts";
import { userView } from "../users/user-view.ts";
import type { GrantInput } from "./permissions.schema.ts";

/**
 * Roles of users on one installation or one client. Rules:
 * - An object's Owners manage its permissions; installation Owners also manage their clients'.
 * - A user holds at most one role per object; granting again changes it.
 * - Grantees appear as the user directory shows them (e-mail for platform administrators only).
 * - Ownership is a permission: granting the Owner role on a client, changing an Owner's role
 *   and revoking it need `manageClientOwnership` (installation Owners, platform
 *   administrators). A client Owner grants and takes Edit, Support and View only.
 */
export type PermissionObject = { kind: "installation"; id: string } | { kind: "client"; name: string };

interface Resolved {
  target: AccessTarget;
  where: { installationId: string } | { clientId: string };
  installationId: string;
  objectId: string;
}

export class PermissionsService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(principal: Principal, object: PermissionObject) {
    const resolved = await this.resolve(principal, object);
    const rows = await this.prisma.permission.findMany({
      where: resolved.where,
      include: { user: { select: { id: true, username: true, displayName: true, email: true } }, grantedBy: { select: { username: true } } },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    });
    const now = Date.now();
    return {
      items: rows.map((p) => ({
        user: userView(principal, p.user),
        role: roleNameOf[p.role],
        expiresAt: p.expiresAt?.toISOString() ?? null,
        expired: p.expiresAt !== null && p.expiresAt.getTime() <= now,
        grantedBy: p.grantedBy?.username ?? null,
        createdAt: p.createdAt.toISOString(),
      })),
    };
  }

  async grant(principal: Principal, object: PermissionObject, userId: string, input: GrantInput) {
    const resolved = await this.resolve(principal, object);
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { id: true, username: true } });
    if (!user) throw new BadRequestError(`There is no user with id '${userId}'.`);
    const data = { role: roleOf[input.role], expiresAt: input.expiresAt ?? null, grantedById: principal.userId };
    const key = "installationId" in resolved.where
      ? { userId_installationId: { userId, installationId: resolved.where.installationId } }
      : { userId_clientId: { userId, clientId: resolved.where.clientId } };
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.permission.findUnique({ where: key });
      if (input.role === "Owner" || before?.role === "OWNER") requireOwnershipAccess(principal, resolved);
      await tx.permission.upsert({ where: key, create: { userId, ...resolved.where, ...data }, update: data });
      await recordAudit(tx, principal, {
        action: before ? "permission.change" : "permission.grant",
        objectType: object.kind,
        objectId: resolved.objectId,
        installationId: resolved.installationId,
        before: before ? { username: user.username, role: roleNameOf[before.role], expiresAt: before.expiresAt } : undefined,
        after: { username: user.username, role: input.role, expiresAt: input.expiresAt ?? null },
      });
    });
    return { user, role: input.role, expiresAt: input.expiresAt?.toISOString() ?? null };
  }

  async revoke(principal: Principal, object: PermissionObject, userId: string) {
    const resolved = await this.resolve(principal, object);
    await this.prisma.$transaction(async (tx) => {
      const existing = await tx.permission.findFirst({ where: { userId, ...resolved.where }, include: { user: { select: { username: true } } } });
      if (!existing) throw new NotFoundError("That user holds no role here.");
      if (existing.role === "OWNER") requireOwnershipAccess(principal, resolved);
      await tx.permission.delete({ where: { id: existing.id } });
      await recordAudit(tx, principal, {
        action: "permission.revoke",
        objectType: object.kind,
        objectId: resolved.objectId,
        installationId: resolved.installationId,
        before: { username: existing.user.username, role: roleNameOf[existing.role], expiresAt: existing.expiresAt },
      });
    });
  }

  private async resolve(principal: Principal, object: PermissionObject): Promise<Resolved> {
    if (object.kind === "installation") {
      const installation = await this.prisma.installation.findUnique({ where: { id: object.id }, select: { id: true } });
      if (!installation) throw new NotFoundError(`There is no installation with id '${object.id}'.`);
      const target = { kind: "installation" as const, id: installation.id };
      requireAccess(principal, "manageInstallationPermissions", target);
      return { target, where: { installationId: installation.id }, installationId: installation.id, objectId: installation.id };
    }
    const client = await findClient(this.prisma, object.name);
    const target = clientTarget(client);
    requireAccess(principal, "manageClientPermissions", target);
    return { target, where: { clientId: client.id }, installationId: client.installationId, objectId: client.id };
  }
}

/** The Owner role of a client is client ownership; an installation's Owner role is covered by its permissions row. */
function requireOwnershipAccess(principal: Principal, resolved: Resolved): void {
  if (resolved.target.kind === "client") requireAccess(principal, "manageClientOwnership", resolved.target);
}
