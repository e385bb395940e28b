import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";
import { contentSecurityPolicy, responseKindOf } from "./content-security-policy.ts";

/**
 * The headers that protect browsers, set for every response in this one place.
 * - A Content-Security-Policy chosen by the kind of response (content-security-policy.ts);
 *   portal responses get a fresh style nonce, which index.html picks up (`cspNonceOf`).
 * - Everything is same-origin, so the portal can be cross-origin isolated (COOP + COEP),
 *   which lets the playground run WASM with threads.
 * - HSTS only when PUBLIC_URL is https: over plain HTTP browsers ignore it, and a
 *   development setup must stay reachable without TLS. Subdomains are left alone, as the
 *   portal does not own them.
 */
export interface SecurityHeadersOptions {
  publicUrl: string;
  issuer: string;
}

export const hstsHeader = "max-age=31536000";

const nonceKey = "cspNonce";

export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  const publicOrigin = new URL(options.publicUrl).origin;
  const issuerOrigin = new URL(options.issuer).origin;
  const policy = { connectOrigins: issuerOrigin === publicOrigin ? [] : [issuerOrigin] };
  const fixed: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(publicOrigin.startsWith("https:") ? { "Strict-Transport-Security": hstsHeader } : {}),
  };

  const headers = Object.entries(fixed);
  // Only the portal's policy changes per response (its nonce); the others are built once.
  const fixedPolicies = new Map(
    (["worker-script", "swagger-ui", "identity-provider", "data"] as const).map((kind) => [kind, contentSecurityPolicy(kind, policy)]),
  );

  return (req, res, next) => {
    // Node's setHeader: this runs for every response, the token API's included.
    for (const [name, value] of headers) res.setHeader(name, value);
    const kind = responseKindOf(req.path);
    let csp = kind === "portal" ? undefined : fixedPolicies.get(kind);
    if (csp === undefined) {
      const nonce = randomBytes(16).toString("base64");
      res.locals[nonceKey] = nonce;
      csp = contentSecurityPolicy("portal", policy, nonce);
    }
    res.setHeader("Content-Security-Policy", csp);
    next();
  };
}

/** The style nonce of this portal response's policy; undefined outside the portal. */
export function cspNonceOf(res: Response): string | undefined {
  const nonce: unknown = res.locals[nonceKey];
  return typeof nonce === "string" ? nonce : undefined;
}
