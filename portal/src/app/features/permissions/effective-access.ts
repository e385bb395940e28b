import { Role, readRole } from '../../core/auth/role';
import { asObject, isJsonObject, readArray, readNullableString, readOneOf, readString } from '../../core/http/json-parse';
import { UserSummary, parseUserSummary } from '../users/user';
import { PermissionTarget } from './permission';

/**
 * Why a user reaches an object: a grant on it ("direct"), a role on the client's
 * installation ("installation", which reaches every client), or being a platform administrator.
 */
export const ACCESS_SOURCES = ['direct', 'installation', 'platformAdmin'] as const;
export type AccessSource = (typeof ACCESS_SOURCES)[number];

/** One row of `GET …/access`: a user who can reach the object today, with the role that applies. */
export interface EffectiveAccess {
  readonly user: UserSummary;
  readonly role: Role;
  readonly source: AccessSource;
  /** ISO date; Support grants always end. */
  readonly expiresAt: string | null;
  /** The installation an inherited role comes from. */
  readonly installation: { readonly id: string; readonly name: string } | null;
}

export function effectiveAccessPath(target: PermissionTarget): string {
  return target.kind === 'installation'
    ? `/api/installations/${encodeURIComponent(target.id)}/access`
    : `/api/clients/${encodeURIComponent(target.name)}/access`;
}

export function parseEffectiveAccessList(body: unknown): readonly EffectiveAccess[] {
  const what = 'access';
  return readArray(asObject(body, what), 'items', what, parseEffectiveAccess);
}

function parseEffectiveAccess(value: unknown, what: string): EffectiveAccess {
  const entry = asObject(value, what);
  const installation = entry['installation'];
  return {
    user: parseUserSummary(entry['user'], `${what}.user`),
    role: readRole(entry, 'role', what),
    source: readOneOf(entry, 'source', what, ACCESS_SOURCES),
    expiresAt: readNullableString(entry, 'expiresAt', what),
    installation: isJsonObject(installation)
      ? {
          id: readString(installation, 'id', `${what}.installation`),
          name: readString(installation, 'name', `${what}.installation`),
        }
      : null,
  };
}
