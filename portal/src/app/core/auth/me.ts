import {
  asObject,
  readArray,
  readBoolean,
  readNullableString,
  readOneOf,
  readString,
} from '../http/json-parse';
import { Role, readRole } from './role';

/** The signed-in user as `GET /api/me` describes them. */
export interface Me {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly isPlatformAdmin: boolean;
  readonly installations: readonly MeInstallation[];
  readonly clients: readonly MeClient[];
}

export interface MeInstallation {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** ISO date; Support grants are temporary. */
  readonly expiresAt: string | null;
}

export interface MeClient {
  readonly id: string;
  readonly name: string;
  readonly installationId: string;
  readonly installationName: string;
  readonly role: Role;
  /** Whether the role comes from the client's installation or from the client itself. */
  readonly via: 'installation' | 'client';
  readonly expiresAt: string | null;
}

export function parseMe(body: unknown): Me {
  const what = 'me';
  const me = asObject(body, what);
  return {
    id: readString(me, 'id', what),
    username: readString(me, 'username', what),
    displayName: readString(me, 'displayName', what),
    email: readNullableString(me, 'email', what),
    isPlatformAdmin: readBoolean(me, 'isPlatformAdmin', what),
    installations: readArray(me, 'installations', what, parseMeInstallation),
    clients: readArray(me, 'clients', what, parseMeClient),
  };
}

function parseMeInstallation(value: unknown, what: string): MeInstallation {
  const installation = asObject(value, what);
  return {
    id: readString(installation, 'id', what),
    name: readString(installation, 'name', what),
    role: readRole(installation, 'role', what),
    expiresAt: readNullableString(installation, 'expiresAt', what),
  };
}

function parseMeClient(value: unknown, what: string): MeClient {
  const client = asObject(value, what);
  return {
    id: readString(client, 'id', what),
    name: readString(client, 'name', what),
    installationId: readString(client, 'installationId', what),
    installationName: readString(client, 'installationName', what),
    role: readRole(client, 'role', what),
    via: readOneOf(client, 'via', what, ['installation', 'client']),
    expiresAt: readNullableString(client, 'expiresAt', what),
  };
}

/** The audit log shows platform administrators everything and Owners what they own. */
export function canReadAudit(me: Me): boolean {
  return me.isPlatformAdmin || [...me.installations, ...me.clients].some((grant) => grant.role === 'Owner');
}

/** Whether the user reads the installation itself (and so its certificates), not only some of its clients. */
export function readsInstallation(me: Me, installationId: string): boolean {
  return me.isPlatformAdmin || me.installations.some((installation) => installation.id === installationId);
}
