import { asObject, readArray, readNullableString, readOneOf, readString } from '../../core/http/json-parse';

export const KEY_STATUSES = ['active', 'expiring', 'expired', 'revoked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** A client's Web API key (App-ID); its secret exists only in the answer that issued it. */
export interface WebApiKey {
  readonly appId: string;
  readonly label: string;
  /** "expiring": replaced by a rotation, still working until `expiresAt`. */
  readonly status: KeyStatus;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/** The answer to create and rotate: the new key and, this once, its secret. */
export interface IssuedKey {
  readonly key: WebApiKey;
  readonly appSecret: string;
}

export function parseWebApiKey(value: unknown, what = 'key'): WebApiKey {
  const key = asObject(value, what);
  return {
    appId: readString(key, 'appId', what),
    label: readString(key, 'label', what),
    status: readOneOf(key, 'status', what, KEY_STATUSES),
    createdAt: readString(key, 'createdAt', what),
    expiresAt: readNullableString(key, 'expiresAt', what),
    revokedAt: readNullableString(key, 'revokedAt', what),
    lastUsedAt: readNullableString(key, 'lastUsedAt', what),
  };
}

export function parseKeyList(body: unknown): readonly WebApiKey[] {
  const what = 'keys';
  return readArray(asObject(body, what), 'items', what, parseWebApiKey);
}

export function parseIssuedKey(body: unknown): IssuedKey {
  const what = 'key';
  return { key: parseWebApiKey(body, what), appSecret: readString(asObject(body, what), 'appSecret', what) };
}
