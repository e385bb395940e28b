import { Role, readRole } from '../../core/auth/role';
import { asObject, readArray, readBoolean, readNullableString, readString } from '../../core/http/json-parse';
import { UserSummary, parseUserSummary } from '../users/user';

/** The object whose permissions a panel shows: an installation (by id) or a client (by name). */
export type PermissionTarget =
  | { readonly kind: 'installation'; readonly id: string }
  | { readonly kind: 'client'; readonly name: string };

/** One user's role on the target. */
export interface Permission {
  readonly user: UserSummary;
  readonly role: Role;
  /** ISO date; Support grants always end. */
  readonly expiresAt: string | null;
  readonly expired: boolean;
  /** Username of whoever granted it; null for seeded or imported grants. */
  readonly grantedBy: string | null;
  readonly createdAt: string;
}

export function permissionsPath(target: PermissionTarget): string {
  return target.kind === 'installation'
    ? `/api/installations/${encodeURIComponent(target.id)}/permissions`
    : `/api/clients/${encodeURIComponent(target.name)}/permissions`;
}

export function parsePermissionList(body: unknown): readonly Permission[] {
  const what = 'permissions';
  return readArray(asObject(body, what), 'items', what, parsePermission);
}

function parsePermission(value: unknown, what: string): Permission {
  const permission = asObject(value, what);
  return {
    user: parseUserSummary(permission['user'], `${what}.user`),
    role: readRole(permission, 'role', what),
    expiresAt: readNullableString(permission, 'expiresAt', what),
    expired: readBoolean(permission, 'expired', what),
    grantedBy: readNullableString(permission, 'grantedBy', what),
    createdAt: readString(permission, 'createdAt', what),
  };
}
