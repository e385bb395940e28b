import { createHmac, type KeyObject } from "node:crypto";

/**
 * Signs a BWS token as the seeds define it: a JWS in compact form with the protected
 * header `{"typ":"JWT","alg":"HS256"}` (in this order) and the claims as JSON.
 * HMAC-SHA256 through node:crypto is synchronous and costs microseconds; the token API
 * signs one per request, and a WebCrypto round trip per token cost a quarter of its CPU
 * (docs/performance.md); pass a KeyObject, which spares a key import per token.
 * Verification stays with jose (token-verifier.ts).
 */
const header = Buffer.from(JSON.stringify({ typ: "JWT", alg: "HS256" })).toString("base64url");

export function signHs256Jwt(claims: object, secret: KeyObject | Uint8Array): string {
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}
