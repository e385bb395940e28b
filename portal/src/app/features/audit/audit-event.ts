import { asObject, readArray, readNullableString, readNumber, readString } from '../../core/http/json-parse';

/** One recorded write: who did what to which object, with the object before and after (secrets redacted). */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  /** Username of whoever made the change. */
  readonly actor: string;
  /** Dotted verb, e.g. "client.key.create". */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  /** The installation's or client's current name, or the recorded name of a deleted one; null when unknown. */
  readonly objectName: string | null;
  readonly installationId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditPage {
  readonly items: readonly AuditEvent[];
  readonly total: number;
}

export function parseAuditPage(body: unknown): AuditPage {
  const what = 'audit';
  const page = asObject(body, what);
  return { items: readArray(page, 'items', what, parseAuditEvent), total: readNumber(page, 'total', what) };
}

function parseAuditEvent(value: unknown, what: string): AuditEvent {
  const event = asObject(value, what);
  return {
    id: readString(event, 'id', what),
    at: readString(event, 'at', what),
    actor: readString(event, 'actor', what),
    action: readString(event, 'action', what),
    objectType: readString(event, 'objectType', what),
    objectId: readString(event, 'objectId', what),
    objectName: readNullableString(event, 'objectName', what),
    installationId: readNullableString(event, 'installationId', what),
    // Free-form JSON snapshots: shown as they are, never interpreted.
    before: event['before'] ?? null,
    after: event['after'] ?? null,
  };
}

/** "client demo-client"; the type and a short id when the BFF knows no name for the object. */
export function describeAuditObject(event: AuditEvent): string {
  return `${event.objectType} ${event.objectName ?? `${event.objectId.slice(0, 8)}…`}`;
}

/** "client.key.create" → "Client key create": readable without a lookup table. */
export function describeAuditAction(action: string): string {
  const words = action.split(/[._]/).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatSnapshot(snapshot: unknown): string {
  return snapshot === null || snapshot === undefined ? '—' : JSON.stringify(snapshot, null, 2);
}
