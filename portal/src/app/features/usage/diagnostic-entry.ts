import { asObject, readArray, readNullableString, readOneOf, readString } from '../../core/http/json-parse';

/** A problem the BFF met while syncing clients to an installation or importing them from it. */
export interface DiagnosticEntry {
  readonly at: string;
  readonly level: 'warning' | 'error';
  readonly source: 'sync' | 'import';
  /** The client concerned; null for problems of the whole installation. */
  readonly client: string | null;
  readonly message: string;
}

/** `GET /api/installations/:id/diagnostics`. */
export function parseDiagnostics(body: unknown): readonly DiagnosticEntry[] {
  const what = 'diagnostics';
  return readArray(asObject(body, what), 'entries', what, (value, itemWhat) => {
    const entry = asObject(value, itemWhat);
    return {
      at: readString(entry, 'at', itemWhat),
      level: readOneOf(entry, 'level', itemWhat, ['warning', 'error']),
      source: readOneOf(entry, 'source', itemWhat, ['sync', 'import']),
      client: readNullableString(entry, 'client', itemWhat),
      message: readString(entry, 'message', itemWhat),
    };
  });
}
