import {
  ResponseShapeError,
  asObject,
  isJsonObject,
  readArray,
  readNullableString,
  readNumber,
  readOneOf,
  readString,
} from '../../core/http/json-parse';
import { readNullableIsoDate, requireCount } from './sync';

/**
 * The report of importing clients from an installation's database, which the BFF runs when
 * a connection string is set and returns as `importReport` of `POST /api/installations`
 * or `PATCH /api/installations/:id`. Kinds are listed in the order the report shows them:
 * what needs attention first.
 */
export const IMPORT_MESSAGE_KINDS = [
  'notImported',
  'notSynchronized',
  'certificateUnknown',
  'onlyInBws',
  'imported',
  'certificateAdded',
  'inSync',
] as const;
export type ImportMessageKind = (typeof IMPORT_MESSAGE_KINDS)[number];

export interface ImportMessage {
  readonly kind: ImportMessageKind;
  readonly client: string;
  readonly text: string;
}

export interface ClientImportReport {
  readonly installationId: string;
  /** ISO date. */
  readonly finishedAt: string;
  /** Messages per kind; kinds without messages may be missing. */
  readonly counts: Readonly<Partial<Record<ImportMessageKind, number>>>;
  readonly messages: readonly ImportMessage[];
  /** Why the import stopped (the database could not be read); absent when it ran through. */
  readonly error: string | null;
}

export function parseImportReport(body: unknown): ClientImportReport {
  const what = 'importReport';
  const report = asObject(body, what);
  const finishedAt = readNullableIsoDate(report, 'finishedAt', what);
  if (finishedAt === null) throw new ResponseShapeError(`${what}.finishedAt`, 'an ISO date');
  return {
    installationId: readString(report, 'installationId', what),
    finishedAt,
    counts: parseCounts(report['counts'], `${what}.counts`),
    messages: readArray(report, 'messages', what, parseImportMessage),
    error: readNullableString(report, 'error', what),
  };
}

/**
 * The import report of an installation create or update answer; null when the answer has
 * none (no connection string was set).
 */
export function readImportReport(body: unknown): ClientImportReport | null {
  if (!isJsonObject(body) || body['importReport'] === undefined) return null;
  return parseImportReport(body['importReport']);
}

/** What saving the connection string achieved, in a sentence or two above the report. */
export function importOutcome(report: ClientImportReport): string {
  return report.error
    ? 'The connection string was saved, but the import could not read the installation’s database, so no clients ' +
        'were imported. Check the connection string and that the database can be reached, then save the connection ' +
        'string again to repeat the import.'
    : 'The connection string was saved, and the clients in the installation’s database were compared with the BWS database.';
}

function parseCounts(value: unknown, what: string): Partial<Record<ImportMessageKind, number>> {
  const source = asObject(value, what);
  const counts: Partial<Record<ImportMessageKind, number>> = {};
  for (const key of Object.keys(source)) {
    const kind = IMPORT_MESSAGE_KINDS.find((candidate) => candidate === key);
    if (kind === undefined) {
      throw new ResponseShapeError(`${what}.${key}`, `a key among ${IMPORT_MESSAGE_KINDS.join(', ')}`);
    }
    counts[kind] = requireCount(readNumber(source, key, what), `${what}.${key}`);
  }
  return counts;
}

function parseImportMessage(value: unknown, what: string): ImportMessage {
  const message = asObject(value, what);
  return {
    kind: readOneOf(message, 'kind', what, IMPORT_MESSAGE_KINDS),
    client: readString(message, 'client', what),
    text: readString(message, 'text', what),
  };
}
