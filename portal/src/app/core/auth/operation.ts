import { JsonObject, ResponseShapeError } from '../http/json-parse';

/**
 * What a caller may do with one installation or client. Views carry the list as `allowed`
 * (computed by the BFF from SPEC's access table) so screens offer only those controls;
 * the BFF refuses the others anyway.
 */
export const INSTALLATION_OPERATIONS = [
  'readInfo',
  'readInstanceUsage',
  'readInstallationLog',
  'updateInstallation',
  'readConnectionString',
  'manageCertificates',
  'createClients',
  'manageClientOwnership',
  'manageInstallationPermissions',
] as const;

export const CLIENT_OPERATIONS = [
  'readInfo',
  'readClientUsage',
  'readClientLog',
  'updateClient',
  'manageClientCertificates',
  'manageKeys',
  'deleteClasses',
  'manageClientPermissions',
  'manageClientOwnership',
] as const;

export type InstallationOperation = (typeof INSTALLATION_OPERATIONS)[number];
export type ClientOperation = (typeof CLIENT_OPERATIONS)[number];

/**
 * Reads `allowed`. Operations this portal does not know yet are dropped rather than
 * rejected, so a newer BFF does not break an older portal.
 */
export function readOperations<const T extends string>(
  source: JsonObject,
  key: string,
  what: string,
  known: readonly T[],
): ReadonlySet<T> {
  const value = source[key];
  if (!Array.isArray(value)) throw new ResponseShapeError(`${what}.${key}`, 'an array of operation names');
  return new Set(known.filter((operation) => value.includes(operation)));
}
