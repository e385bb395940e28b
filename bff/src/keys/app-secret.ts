import { hash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/**
 * Web API key credentials.
 * - App-Secret: 32 random bytes (256 bits), base64url; shown once, never stored.
 * - Stored: SHA-256 of the secret. A slow password hash adds nothing for 256-bit random
 *   secrets and would make every token request pay for it.
 * - App-ID: digits in the seed's style (`127050396.9169.app.<suffix>`). Keys imported from
 *   an installation may have other shapes, so a well-formed App-ID is 1 to 100 visible
 *   ASCII characters without a colon (Basic authentication ends the App-ID at the first
 *   colon; 100 is the Management API's limit for an App-ID). Anything else cannot be a
 *   key and is refused before the database is asked.
 */
const wellFormedAppId = /^[\x21-\x39\x3b-\x7e]{1,100}$/;

export function isWellFormedAppId(appId: string): boolean {
  return wellFormedAppId.test(appId);
}

export function newAppSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function newAppId(suffix = "bws"): string {
  return `${randomInt(100_000_000, 1_000_000_000)}.${randomInt(1000, 10_000)}.app.${suffix}`;
}

export function hashAppSecret(secret: string): string {
  // One-shot hash: the token API hashes a secret per request.
  return `sha256$${hash("sha256", secret, "hex")}`;
}

export function verifyAppSecret(secret: string, stored: string): boolean {
  const expected = Buffer.from(stored, "utf8");
  const actual = Buffer.from(hashAppSecret(secret), "utf8");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
