import { CLIENT_OPERATIONS, ClientOperation, readOperations } from '../../core/auth/operation';
import { Role, readNullableRole } from '../../core/auth/role';
import {
  asObject,
  parseString,
  readArray,
  readBoolean,
  readNumber,
  readOneOf,
  readString,
} from '../../core/http/json-parse';

export const LOG_LEVELS = ['off', 'error', 'warning', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ClientLogging {
  /** Whether the installation keeps the images of logged requests. */
  readonly logImages: boolean;
  readonly level: LogLevel;
  readonly retentionDays: number;
}

/** `GET /api/clients/:name`: one client with what the caller may do with it. */
export interface Client {
  readonly id: string;
  readonly name: string;
  readonly installation: { readonly id: string; readonly name: string; readonly endpointUrls: readonly string[] };
  readonly storage: string;
  readonly partition: number;
  /** ISO date; an expired client gets no tokens and is pushed disabled. */
  readonly expiresAt: string;
  readonly expired: boolean;
  readonly identification: boolean;
  readonly role: Role | null;
  readonly logging: ClientLogging;
  /** Change counter pushed to the installation. */
  readonly version: number;
  readonly allowed: ReadonlySet<ClientOperation>;
  /** Deleting a client is a decision of the installation's Owners and Editors; its ownership, of Owners only (`allowed`). */
  readonly canDelete: boolean;
  readonly keyCount: number;
  readonly certificateCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `POST /api/clients`. */
export interface NewClient {
  readonly name: string;
  readonly installationId: string;
  readonly storage: string;
  readonly partition: 'next' | number;
  readonly expiresAt: string;
  readonly identification: boolean;
  readonly logging: ClientLogging;
  readonly ownerUserId?: string;
}

/** `PATCH /api/clients/:name`: only the fields that changed. */
export interface ClientChanges {
  readonly expiresAt?: string;
  readonly identification?: boolean;
  readonly logging?: Partial<ClientLogging>;
}

export type OwnershipMode = 'add' | 'transfer';

export const DEFAULT_LOGGING: ClientLogging = { logImages: false, level: 'info', retentionDays: 30 };

export function parseClient(body: unknown): Client {
  const what = 'client';
  const client = asObject(body, what);
  const installation = asObject(client['installation'], `${what}.installation`);
  const logging = asObject(client['logging'], `${what}.logging`);
  return {
    id: readString(client, 'id', what),
    name: readString(client, 'name', what),
    installation: {
      id: readString(installation, 'id', `${what}.installation`),
      name: readString(installation, 'name', `${what}.installation`),
      endpointUrls: readArray(installation, 'endpointUrls', `${what}.installation`, parseString),
    },
    storage: readString(client, 'storage', what),
    partition: readNumber(client, 'partition', what),
    expiresAt: readString(client, 'expiresAt', what),
    expired: readBoolean(client, 'expired', what),
    identification: readBoolean(client, 'identification', what),
    role: readNullableRole(client, 'role', what),
    logging: {
      logImages: readBoolean(logging, 'logImages', `${what}.logging`),
      level: readOneOf(logging, 'level', `${what}.logging`, LOG_LEVELS),
      retentionDays: readNumber(logging, 'retentionDays', `${what}.logging`),
    },
    version: readNumber(client, 'version', what),
    allowed: readOperations(client, 'allowed', what, CLIENT_OPERATIONS),
    canDelete: readBoolean(client, 'canDelete', what),
    keyCount: readNumber(client, 'keyCount', what),
    certificateCount: readNumber(client, 'certificateCount', what),
    createdAt: readString(client, 'createdAt', what),
    updatedAt: readString(client, 'updatedAt', what),
  };
}
