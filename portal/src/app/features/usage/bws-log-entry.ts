import {
  asObject,
  readArray,
  readNullableNumber,
  readNullableString,
  readNumber,
  readOneOf,
  readString,
} from '../../core/http/json-parse';

export const BWS_LOG_RESULTS = ['success', 'failure', 'error'] as const;
export type BwsLogResult = (typeof BWS_LOG_RESULTS)[number];

/** One call as BWS or the BFF logged it. */
export interface BwsLogEntry {
  readonly id: string;
  readonly at: string;
  readonly client: string;
  readonly instance: string | null;
  readonly operation: string;
  readonly result: BwsLogResult;
  readonly errorCode: string | null;
  readonly durationMs: number | null;
  /** The BWS correlation id of the call. */
  readonly bcid: string | null;
  readonly source: 'bws' | 'bff';
  /** Free-form JSON: shown as it is, never interpreted. */
  readonly details: Readonly<Record<string, unknown>> | null;
}

/** `GET /api/clients/:name/bwslog` and `GET /api/installations/:id/bwslog`: one page, newest first. */
export interface BwsLogPage {
  readonly from: string;
  readonly to: string;
  /** Entries matching the filters, not only this page. */
  readonly total: number;
  readonly skip: number;
  readonly take: number;
  readonly entries: readonly BwsLogEntry[];
}

export function parseBwsLogPage(body: unknown): BwsLogPage {
  const what = 'bwslog';
  const page = asObject(body, what);
  return {
    from: readString(page, 'from', what),
    to: readString(page, 'to', what),
    total: readNumber(page, 'total', what),
    skip: readNumber(page, 'skip', what),
    take: readNumber(page, 'take', what),
    entries: readArray(page, 'entries', what, parseBwsLogEntry),
  };
}

function parseBwsLogEntry(value: unknown, what: string): BwsLogEntry {
  const entry = asObject(value, what);
  const details = entry['details'];
  return {
    id: readString(entry, 'id', what),
    at: readString(entry, 'at', what),
    client: readString(entry, 'client', what),
    instance: readNullableString(entry, 'instance', what),
    operation: readString(entry, 'operation', what),
    result: readOneOf(entry, 'result', what, BWS_LOG_RESULTS),
    errorCode: readNullableString(entry, 'errorCode', what),
    durationMs: readNullableNumber(entry, 'durationMs', what),
    bcid: readNullableString(entry, 'bcid', what),
    source: readOneOf(entry, 'source', what, ['bws', 'bff']),
    details: details === null || details === undefined ? null : asObject(details, `${what}.details`),
  };
}

/** Details as indented JSON, or a dash when the entry has none. */
export function formatDetails(details: BwsLogEntry['details']): string {
  return details === null ? '—' : JSON.stringify(details, null, 2);
}
