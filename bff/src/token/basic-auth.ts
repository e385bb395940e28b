import { BadRequestError } from "../errors.ts";
import { isUnsafeText } from "../http/unsafe-text.ts";

/**
 * Reads `Authorization: Basic base64(App-ID:App-Secret)`; undefined when absent or malformed.
 * Credentials holding a NUL are refused with 400: no App-ID can contain one.
 */
export function readBasicAuth(header: string | undefined): { appId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("latin1");
  if (isUnsafeText(decoded)) throw new BadRequestError("The Basic credentials must not contain NUL characters.", "InvalidText");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { appId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
