/**
 * Text the BFF refuses anywhere in a request, wherever it comes from (path, query, body,
 * credentials):
 * - NUL: PostgreSQL's text and jsonb types cannot hold it, so it can never name or
 *   become anything stored.
 * - Unpaired UTF-16 surrogates: not Unicode text at all; jsonb refuses their escapes and
 *   UTF-8 encoders replace them, so what was sent would not be what is stored.
 */
const unsafeCharacter = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const unsafeTextRule = "must not contain NUL characters or unpaired UTF-16 surrogates";

export function isUnsafeText(text: string): boolean {
  return unsafeCharacter.test(text);
}

/**
 * The dotted path of the first string (value or object key) in a parsed JSON or form value
 * that holds unsafe text; "" for the value itself, undefined when everything is clean.
 * Walks iteratively: a deeply nested body must not overflow the stack.
 */
export function findUnsafeText(value: unknown): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      if (isUnsafeText(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: join(path, String(index)) }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (isUnsafeText(key)) return join(path, "(a field name)");
        pending.push({ value: item, path: join(path, key) });
      }
    }
  }
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
