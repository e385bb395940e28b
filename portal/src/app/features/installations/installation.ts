import { INSTALLATION_OPERATIONS, InstallationOperation, readOperations } from '../../core/auth/operation';
import { Role, readNullableRole } from '../../core/auth/role';
import {
  asObject,
  parseString,
  readArray,
  readBoolean,
  readNullableString,
  readNumber,
  readString,
} from '../../core/http/json-parse';
import { ClientImportReport, readImportReport } from '../sync/client-import-report';

/** `GET /api/installations/:id`: one installation with what the caller may do with it. */
export interface Installation {
  readonly id: string;
  readonly name: string;
  readonly endpointUrls: readonly string[];
  readonly storages: readonly string[];
  readonly storageDetails: readonly StorageDetail[];
  readonly clientCount: number;
  readonly certificateCount: number;
  /** The MongoDB connection string, masked; only Owners read it in clear. */
  readonly connectionString: { readonly configured: boolean; readonly masked: string | null };
  /** Null when the caller reads the installation through a client role only. */
  readonly role: Role | null;
  readonly allowed: ReadonlySet<InstallationOperation>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The answer to `POST /api/installations` and `PATCH /api/installations/:id`: the saved
 * installation and, when the request set a connection string, the report of importing the
 * installation's clients.
 */
export interface SavedInstallation {
  readonly installation: Installation;
  readonly importReport?: ClientImportReport;
}

export interface StorageDetail {
  readonly name: string;
  readonly clientCount: number;
}

/** `POST /api/installations` (platform administrators). */
export interface NewInstallation {
  readonly name: string;
  readonly endpointUrls: readonly string[];
  readonly storages: readonly string[];
  readonly connectionString?: string;
}

/** `PATCH /api/installations/:id`; a null connection string removes it. */
export interface InstallationChanges {
  readonly name?: string;
  readonly endpointUrls?: readonly string[];
  readonly storages?: readonly string[];
  readonly connectionString?: string | null;
}

export function parseInstallation(body: unknown, what = 'installation'): Installation {
  const installation = asObject(body, what);
  const connectionString = asObject(installation['connectionString'], `${what}.connectionString`);
  return {
    id: readString(installation, 'id', what),
    name: readString(installation, 'name', what),
    endpointUrls: readArray(installation, 'endpointUrls', what, parseString),
    storages: readArray(installation, 'storages', what, parseString),
    storageDetails: readArray(installation, 'storageDetails', what, parseStorageDetail),
    clientCount: readNumber(installation, 'clientCount', what),
    certificateCount: readNumber(installation, 'certificateCount', what),
    connectionString: {
      configured: readBoolean(connectionString, 'configured', `${what}.connectionString`),
      masked: readNullableString(connectionString, 'masked', `${what}.connectionString`),
    },
    role: readNullableRole(installation, 'role', what),
    allowed: readOperations(installation, 'allowed', what, INSTALLATION_OPERATIONS),
    createdAt: readString(installation, 'createdAt', what),
    updatedAt: readString(installation, 'updatedAt', what),
  };
}

/**
 * Reads a create or update answer. The installation is saved by the time the answer
 * arrives, so a report the portal cannot read is logged and left out instead of making
 * the save look failed.
 */
export function parseSavedInstallation(body: unknown): SavedInstallation {
  const installation = parseInstallation(body);
  let importReport: ClientImportReport | null;
  try {
    importReport = readImportReport(body);
  } catch (error) {
    console.warn('The import report of the saved installation could not be read; it is not shown.', error);
    importReport = null;
  }
  return importReport ? { installation, importReport } : { installation };
}

function parseStorageDetail(value: unknown, what: string): StorageDetail {
  const storage = asObject(value, what);
  return { name: readString(storage, 'name', what), clientCount: readNumber(storage, 'clientCount', what) };
}

export function parseConnectionString(body: unknown): string | null {
  const what = 'connection-string';
  return readNullableString(asObject(body, what), 'connectionString', what);
}
