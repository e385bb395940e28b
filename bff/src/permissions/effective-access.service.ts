import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { roleNameOf } from "../auth/load-principal.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { NotFoundError } from "../errors.ts";
import type { PermissionObject } from "./permissions.service.ts";

/**
 * Everyone who can reach an installation or a client today, and why.
 * Rules:
 * - Shown to those who manage the object's permissions (the same check as the grant list).
 * - A client is reached through its own grants, through its installation's grants (an
 *   installation role reaches every client) and by platform administrators; an installation
 *   through its own grants and by platform administrators.
 * - Only grants in force count: an expired Support grant gives no access.
 * - A user may appear once per source (a client Owner may also hold View on the installation).
 */
/** direct: a grant on the object itself; installation: a client reached through its installation's grant. */
export type AccessSource = "direct" | "installation" | "platformAdmin";

interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
}

export interface EffectiveAccess {
  user: UserSummary;
  /** Platform administrators may do everything: they count as Owner. */
  role: "Owner" | "Edit" | "Support" | "View";
  source: AccessSource;
  expiresAt: string | null;
  /** The installation a role is inherited from; null for other sources. */
  installation: { id: string; name: string } | null;
}

const userSelect = { id: true, username: true, displayName: true, email: true } as const;

export class EffectiveAccessService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(principal: Principal, object: PermissionObject, now = new Date()): Promise<{ items: EffectiveAccess[] }> {
    const scope = await this.resolve(principal, object);
    const inForce = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    const [installationGrants, clientGrants, admins] = await Promise.all([
      this.prisma.permission.findMany({
        where: { installationId: scope.installation.id, ...inForce },
        include: { user: { select: userSelect } },
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      }),
      scope.clientId
        ? this.prisma.permission.findMany({
            where: { clientId: scope.clientId, ...inForce },
            include: { user: { select: userSelect } },
            orderBy: [{ role: "asc" }, { createdAt: "asc" }],
          })
        : Promise.resolve([]),
      this.prisma.user.findMany({ where: { isPlatformAdmin: true }, select: userSelect, orderBy: { username: "asc" } }),
    ]);
    const grant = (source: AccessSource) => (p: (typeof installationGrants)[number]): EffectiveAccess => ({
      user: p.user,
      role: roleNameOf[p.role],
      source,
      expiresAt: p.expiresAt?.toISOString() ?? null,
      installation: source === "installation" ? scope.installation : null,
    });
    return {
      items: [
        ...clientGrants.map(grant("direct")),
        ...installationGrants.map(grant(scope.clientId ? "installation" : "direct")),
        ...admins.map((user): EffectiveAccess => ({ user, role: "Owner", source: "platformAdmin", expiresAt: null, installation: null })),
      ],
    };
  }

  private async resolve(principal: Principal, object: PermissionObject) {
    if (object.kind === "installation") {
      const installation = await this.prisma.installation.findUnique({ where: { id: object.id }, select: { id: true, name: true } });
      if (!installation) throw new NotFoundError(`There is no installation with id '${object.id}'.`);
      requireAccess(principal, "manageInstallationPermissions", { kind: "installation", id: installation.id });
      return { installation, clientId: null };
    }
    const client = await findClient(this.prisma, object.name);
    requireAccess(principal, "manageClientPermissions", clientTarget(client));
    const installation = await this.prisma.installation.findUniqueOrThrow({ where: { id: client.installationId }, select: { id: true, name: true } });
    return { installation, clientId: client.id };
  }
}
