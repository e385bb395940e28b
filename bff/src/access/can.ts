import { accessTable, roleStrength, type ObjectKind, type Operation, type RoleName } from "./access-table.ts";

/**
 * Answers whether a principal may perform an operation on an object.
 * Rules:
 * - Platform administrators may do everything.
 * - A grant counts only until its expiry (support grants always have one).
 * - An installation role reaches every client of that installation; a client role
 *   reaches only its client and never the installation.
 * - Installation operations are checked on an installation, client operations on a client.
 */
export interface Grant {
  kind: ObjectKind;
  objectId: string;
  role: RoleName;
  expiresAt: Date | null;
}

export interface Principal {
  userId: string;
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
  isPlatformAdmin: boolean;
  grants: readonly Grant[];
}

export type AccessTarget = { kind: "installation"; id: string } | { kind: "client"; id: string; installationId: string };

export function isActive(grant: Grant, now: Date): boolean {
  return grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime();
}

export function roleOn(principal: Principal, kind: ObjectKind, id: string, now = new Date()): RoleName | undefined {
  return principal.grants.find((g) => g.kind === kind && g.objectId === id && isActive(g, now))?.role;
}

export function can(principal: Principal, operation: Operation, target: AccessTarget, now = new Date()): boolean {
  if (principal.isPlatformAdmin) return true;
  const row = accessTable[operation];
  const allows = (roles: readonly RoleName[], role: RoleName | undefined) => role !== undefined && roles.includes(role);
  if (target.kind === "installation") {
    return row.scope !== "client" && allows(row.installation, roleOn(principal, "installation", target.id, now));
  }
  if (row.scope === "installation") return false;
  return (
    allows(row.installation, roleOn(principal, "installation", target.installationId, now)) ||
    allows(row.client, roleOn(principal, "client", target.id, now))
  );
}

/** The strongest role that applies to a client: its own grant or its installation's. */
export function effectiveClientRole(principal: Principal, target: Extract<AccessTarget, { kind: "client" }>, now = new Date()): RoleName | undefined {
  if (principal.isPlatformAdmin) return "Owner";
  const candidates = [roleOn(principal, "installation", target.installationId, now), roleOn(principal, "client", target.id, now)];
  return candidates
    .filter((role): role is RoleName => role !== undefined)
    .sort((a, b) => roleStrength[b] - roleStrength[a])[0];
}

export function activeGrantIds(principal: Principal, kind: ObjectKind, now = new Date()): string[] {
  return principal.grants.filter((g) => g.kind === kind && isActive(g, now)).map((g) => g.objectId);
}

/** The operations a principal may perform on an object, so the portal offers only those. */
export function allowedOperations(principal: Principal, target: AccessTarget, now = new Date()): Operation[] {
  return (Object.keys(accessTable) as Operation[]).filter((operation) => {
    const scope = accessTable[operation].scope;
    const applies = scope === "both" || scope === target.kind;
    return applies && can(principal, operation, target, now);
  });
}

/**
 * Whether the principal may grant anything at all: platform administrators, and those whose
 * active role lets them manage some object's permissions (installation and client Owners).
 * Installation Editors grant nothing: they create clients without choosing an Owner.
 */
export function grantsAccessSomewhere(principal: Principal, now = new Date()): boolean {
  if (principal.isPlatformAdmin) return true;
  const granting: readonly Operation[] = ["manageInstallationPermissions", "manageClientPermissions"];
  const rolesFor = (kind: ObjectKind): readonly RoleName[] =>
    granting.flatMap((operation) => (kind === "installation" ? accessTable[operation].installation : accessTable[operation].client));
  return principal.grants.some((grant) => isActive(grant, now) && rolesFor(grant.kind).includes(grant.role));
}
