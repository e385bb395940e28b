import type { PrismaClient, Role } from "../generated/prisma/client.ts";
import type { RoleName } from "../access/access-table.ts";
import type { Principal } from "../access/can.ts";
import type { Introspection } from "./token-introspector.ts";

/**
 * Turns an introspected token into the principal the access module judges.
 * A subject seen for the first time (an external issuer's user, a technical account's
 * client-credentials token) becomes a user without grants.
 */
export const roleNameOf: Record<Role, RoleName> = { OWNER: "Owner", EDIT: "Edit", SUPPORT: "Support", VIEW: "View" };
export const roleOf: Record<RoleName, Role> = { Owner: "OWNER", Edit: "EDIT", Support: "SUPPORT", View: "VIEW" };

export async function loadPrincipal(prisma: PrismaClient, subject: string, token: Introspection): Promise<Principal> {
  const include = { permissions: true } as const;
  let user = await prisma.user.findUnique({ where: { subject }, include });
  if (!user) {
    const username = await freeUsername(prisma, token.username ?? (token.client_id && subject.startsWith("client:") ? token.client_id : subject));
    user = await prisma.user.upsert({
      where: { subject },
      create: { subject, username, displayName: token.username ?? username },
      update: {},
      include,
    });
  }
  return {
    userId: user.id,
    subject: user.subject,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    isPlatformAdmin: user.isPlatformAdmin,
    grants: user.permissions.map((p) => ({
      kind: p.installationId ? ("installation" as const) : ("client" as const),
      objectId: (p.installationId ?? p.clientId)!,
      role: roleNameOf[p.role],
      expiresAt: p.expiresAt,
    })),
  };
}

async function freeUsername(prisma: PrismaClient, wanted: string): Promise<string> {
  const base = wanted.toLowerCase().slice(0, 100);
  const taken = await prisma.user.findUnique({ where: { username: base }, select: { id: true } });
  return taken ? `${base}-${Date.now().toString(36)}` : base;
}
