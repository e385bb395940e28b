import { accessTable, type Operation, type RoleName } from "../access/access-table.ts";
import { hashSecret } from "../crypto/password-hash.ts";
import type { PrismaClient, Role } from "../generated/prisma/client.ts";

/**
 * The principals of the route access test: every installation role, every client role
 * (on demo-client), an expired support grant, a stranger and a platform administrator,
 * and what SPEC's access table (access-table.ts) lets each of them do.
 */
export type AccessRule =
  | { op: Operation; on: "installation" | "client" }
  | "platformAdmin"
  | "anyone"
  | "grantorSomewhere";

export interface TestPrincipal {
  username: string;
  kind: "admin" | "installation" | "client" | "expired" | "stranger";
  role?: RoleName;
}

export const principals: readonly TestPrincipal[] = [
  { username: "admin", kind: "admin" },
  { username: "owner", kind: "installation", role: "Owner" },
  { username: "editor", kind: "installation", role: "Edit" },
  { username: "support", kind: "installation", role: "Support" },
  { username: "viewer", kind: "installation", role: "View" },
  { username: "c-owner", kind: "client", role: "Owner" },
  { username: "c-edit", kind: "client", role: "Edit" },
  { username: "c-support", kind: "client", role: "Support" },
  { username: "c-view", kind: "client", role: "View" },
  { username: "expired", kind: "expired" },
  { username: "stranger", kind: "stranger" },
];

export const roleEnum: Record<RoleName, Role> = { Owner: "OWNER", Edit: "EDIT", Support: "SUPPORT", View: "VIEW" };

export function expectedAllowed(principal: TestPrincipal, rule: AccessRule): boolean {
  if (principal.kind === "admin") return true;
  if (rule === "anyone") return true;
  if (rule === "platformAdmin") return false;
  // Those who may grant some role: installation and client Owners (installation Editors grant nothing).
  if (rule === "grantorSomewhere") return principal.role === "Owner";
  if (principal.kind === "expired" || principal.kind === "stranger") return false;
  const row: { installation: readonly RoleName[]; client: readonly RoleName[] } = accessTable[rule.op];
  if (principal.kind === "installation") return row.installation.includes(principal.role!);
  return rule.on === "client" && row.client.includes(principal.role!);
}

/** Creates the users the demo data lacks (the demo users hold the installation roles) and their grants. */
export async function createTestPrincipals(prisma: PrismaClient, installationId: string, clientId: string, supportUntil: Date): Promise<void> {
  const passwordHash = await hashSecret("demo");
  for (const p of principals.filter((x) => !["admin", "owner", "editor", "support", "viewer"].includes(x.username))) {
    const user = await prisma.user.create({ data: { subject: `sub-${p.username}`, username: p.username, displayName: p.username, passwordHash } });
    if (p.kind === "client") {
      await prisma.permission.create({
        data: { userId: user.id, clientId, role: roleEnum[p.role!], expiresAt: p.role === "Support" ? supportUntil : null },
      });
    }
    if (p.kind === "expired") {
      const past = new Date(Date.now() - 60_000);
      await prisma.permission.create({ data: { userId: user.id, installationId, role: "SUPPORT", expiresAt: past } });
      await prisma.permission.create({ data: { userId: user.id, clientId, role: "SUPPORT", expiresAt: past } });
    }
  }
}

/** Gives a user a role on a client, whatever they held there before (no expiry). */
export async function holdClientRole(prisma: PrismaClient, userId: string, clientName: string, role: Role): Promise<void> {
  const client = await prisma.client.findUniqueOrThrow({ where: { name: clientName } });
  await prisma.permission.upsert({
    where: { userId_clientId: { userId, clientId: client.id } },
    create: { userId, clientId: client.id, role },
    update: { role, expiresAt: null },
  });
}
