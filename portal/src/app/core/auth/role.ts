import { JsonObject, readOneOf } from '../http/json-parse';

/** A user's role on an installation or a client; a user holds at most one per object. */
export const ROLES = ['Owner', 'Edit', 'Support', 'View'] as const;
export type Role = (typeof ROLES)[number];

export function readRole(source: JsonObject, key: string, what: string): Role {
  return readOneOf(source, key, what, ROLES);
}

export function readNullableRole(source: JsonObject, key: string, what: string): Role | null {
  return source[key] === null || source[key] === undefined ? null : readRole(source, key, what);
}
