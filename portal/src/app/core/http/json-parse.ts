/**
 * Small readers that turn an untyped JSON body into typed values.
 * Every HTTP response the portal reads goes through one of them, so a server that sends
 * an unexpected shape fails loudly at the boundary instead of deep inside a template.
 */
export class ResponseShapeError extends Error {
  constructor(what: string, expected: string) {
    super(`Unexpected response: ${what} should be ${expected}.`);
    this.name = 'ResponseShapeError';
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new ResponseShapeError(what, 'an object');
  return value;
}

export function readString(source: JsonObject, key: string, what: string): string {
  const value = source[key];
  if (typeof value !== 'string') throw new ResponseShapeError(`${what}.${key}`, 'a string');
  return value;
}

export function readNullableString(source: JsonObject, key: string, what: string): string | null {
  const value = source[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new ResponseShapeError(`${what}.${key}`, 'a string or null');
  return value;
}

export function readNumber(source: JsonObject, key: string, what: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ResponseShapeError(`${what}.${key}`, 'a number');
  }
  return value;
}

export function readBoolean(source: JsonObject, key: string, what: string): boolean {
  const value = source[key];
  if (typeof value !== 'boolean') throw new ResponseShapeError(`${what}.${key}`, 'true or false');
  return value;
}

export function readArray<T>(
  source: JsonObject,
  key: string,
  what: string,
  parseItem: (item: unknown, itemWhat: string) => T,
): T[] {
  const value = source[key];
  if (!Array.isArray(value)) throw new ResponseShapeError(`${what}.${key}`, 'an array');
  return value.map((item, index) => parseItem(item, `${what}.${key}[${index}]`));
}

export function readOneOf<const T extends string>(
  source: JsonObject,
  key: string,
  what: string,
  allowed: readonly T[],
): T {
  const value = source[key];
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new ResponseShapeError(`${what}.${key}`, `one of ${allowed.join(', ')}`);
  return match;
}

export function parseString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new ResponseShapeError(what, 'a string');
  return value;
}

export function readNullableNumber(source: JsonObject, key: string, what: string): number | null {
  const value = source[key];
  if (value === null || value === undefined) return null;
  return readNumber(source, key, what);
}
