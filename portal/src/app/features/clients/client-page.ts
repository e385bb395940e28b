import { Role, readRole } from '../../core/auth/role';
import {
  asObject,
  readArray,
  readBoolean,
  readNullableString,
  readNumber,
  readString,
} from '../../core/http/json-parse';

/** One row of `GET /api/clients`: a client the caller may see, with the caller's role on it. */
export interface ClientSummary {
  readonly id: string;
  readonly name: string;
  readonly installation: { readonly id: string; readonly name: string };
  readonly storage: string;
  readonly partition: number;
  /** ISO date; an expired client gets no tokens and is pushed disabled. */
  readonly expiresAt: string | null;
  readonly expired: boolean;
  readonly identification: boolean;
  readonly role: Role;
}

export interface ClientPage {
  readonly items: readonly ClientSummary[];
  /** All matching clients, not only this page. */
  readonly total: number;
}

export function parseClientPage(body: unknown): ClientPage {
  const what = 'clients';
  const page = asObject(body, what);
  return {
    items: readArray(page, 'items', what, parseClientSummary),
    total: readNumber(page, 'total', what),
  };
}

function parseClientSummary(value: unknown, what: string): ClientSummary {
  const client = asObject(value, what);
  const installation = asObject(client['installation'], `${what}.installation`);
  return {
    id: readString(client, 'id', what),
    name: readString(client, 'name', what),
    installation: {
      id: readString(installation, 'id', `${what}.installation`),
      name: readString(installation, 'name', `${what}.installation`),
    },
    storage: readString(client, 'storage', what),
    partition: readNumber(client, 'partition', what),
    expiresAt: readNullableString(client, 'expiresAt', what),
    expired: readBoolean(client, 'expired', what),
    identification: readBoolean(client, 'identification', what),
    role: readRole(client, 'role', what),
  };
}
