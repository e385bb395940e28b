import { Role, readRole } from '../../core/auth/role';
import { asObject, parseString, readArray, readNumber, readString } from '../../core/http/json-parse';

/** One row of `GET /api/installations`: an installation the caller may see. */
export interface InstallationSummary {
  readonly id: string;
  readonly name: string;
  readonly endpointUrls: readonly string[];
  readonly storages: readonly string[];
  readonly clientCount: number;
  readonly role: Role;
}

export interface InstallationPage {
  readonly items: readonly InstallationSummary[];
  readonly total: number;
}

export function parseInstallationPage(body: unknown): InstallationPage {
  const what = 'installations';
  const page = asObject(body, what);
  return {
    items: readArray(page, 'items', what, parseInstallationSummary),
    total: readNumber(page, 'total', what),
  };
}

function parseInstallationSummary(value: unknown, what: string): InstallationSummary {
  const installation = asObject(value, what);
  return {
    id: readString(installation, 'id', what),
    name: readString(installation, 'name', what),
    endpointUrls: readArray(installation, 'endpointUrls', what, parseString),
    storages: readArray(installation, 'storages', what, parseString),
    clientCount: readNumber(installation, 'clientCount', what),
    role: readRole(installation, 'role', what),
  };
}
