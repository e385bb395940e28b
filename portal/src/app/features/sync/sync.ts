import {
  JsonObject,
  ResponseShapeError,
  asObject,
  readArray,
  readNullableNumber,
  readNullableString,
  readNumber,
  readOneOf,
  readString,
} from '../../core/http/json-parse';

/**
 * How far the BFF has got pushing changes to an installation's database:
 * - notConnected: the installation has no connection string, nothing is pushed;
 * - inSync: no change is waiting;
 * - pending: changes wait for their next attempt;
 * - failed: a change has failed so often that someone should look at the last error.
 */
export const SYNC_STATES = ['notConnected', 'inSync', 'pending', 'failed'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** What the client and the installation answers have in common. */
export interface SyncSummary {
  readonly state: SyncState;
  /** Number of changes waiting to be delivered. */
  readonly pending: number;
  readonly lastError: string | null;
  /** ISO date of the next delivery attempt. */
  readonly nextAttemptAt: string | null;
  /** ISO date of the oldest waiting change. */
  readonly oldestChangeAt: string | null;
}

/** `GET /api/clients/:name/sync`. */
export interface ClientSync extends SyncSummary {
  readonly lastDeliveredAt: string | null;
  readonly lastDeliveredVersion: number | null;
}

/** One client with waiting changes in `GET /api/installations/:id/sync`. */
export interface WaitingClientSync extends SyncSummary {
  readonly name: string;
}

/** `GET /api/installations/:id/sync`; `clients` lists only those with waiting changes. */
export interface InstallationSync extends SyncSummary {
  readonly clients: readonly WaitingClientSync[];
}

export type ObjectSync = ClientSync | InstallationSync;

/** `POST /api/clients/:name/sync/retry` and `POST /api/installations/:id/sync/retry`. */
export interface RetryResult {
  /** Number of waiting changes made due at once. */
  readonly retrying: number;
}

export function parseClientSync(body: unknown): ClientSync {
  const what = 'client sync';
  const sync = asObject(body, what);
  const lastDeliveredVersion = readNullableNumber(sync, 'lastDeliveredVersion', what);
  return {
    ...readSummary(sync, what),
    lastDeliveredAt: readNullableIsoDate(sync, 'lastDeliveredAt', what),
    lastDeliveredVersion:
      lastDeliveredVersion === null ? null : requireCount(lastDeliveredVersion, `${what}.lastDeliveredVersion`),
  };
}

export function parseInstallationSync(body: unknown): InstallationSync {
  const what = 'installation sync';
  const sync = asObject(body, what);
  return {
    ...readSummary(sync, what),
    clients: readArray(sync, 'clients', what, parseWaitingClient),
  };
}

export function parseRetryResult(body: unknown): RetryResult {
  const what = 'sync retry';
  const result = asObject(body, what);
  return { retrying: requireCount(readNumber(result, 'retrying', what), `${what}.retrying`) };
}

function parseWaitingClient(value: unknown, what: string): WaitingClientSync {
  const client = asObject(value, what);
  return { name: readString(client, 'name', what), ...readSummary(client, what) };
}

function readSummary(source: JsonObject, what: string): SyncSummary {
  return {
    state: readOneOf(source, 'state', what, SYNC_STATES),
    pending: requireCount(readNumber(source, 'pending', what), `${what}.pending`),
    lastError: readNullableString(source, 'lastError', what),
    nextAttemptAt: readNullableIsoDate(source, 'nextAttemptAt', what),
    oldestChangeAt: readNullableIsoDate(source, 'oldestChangeAt', what),
  };
}

/** Shared with the import report, whose dates are read the same way. */
export function readNullableIsoDate(source: JsonObject, key: string, what: string): string | null {
  const value = readNullableString(source, key, what);
  if (value !== null && Number.isNaN(Date.parse(value))) {
    throw new ResponseShapeError(`${what}.${key}`, 'an ISO date or null');
  }
  return value;
}

/** Shared with the import report, whose counts are read the same way. */
export function requireCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new ResponseShapeError(what, 'a whole number of at least 0');
  return value;
}
