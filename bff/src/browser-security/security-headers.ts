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

  return (req, res, next) => {
    res.set(fixed);
    const kind = responseKindOf(req.path);
    let nonce: string | undefined;
    if (kind === "portal") {
      nonce = randomBytes(16).toString("base64");
      res.locals[nonceKey] = nonce;
    }
    res.set("Content-Security-Policy", contentSecurityPolicy(kind, policy, nonce));
    next();
  };
}

/** The style nonce of this portal response's policy; undefined outside the portal. */
export function cspNonceOf(res: Response): string | undefined {
  const nonce: unknown = res.locals[nonceKey];
  return typeof nonce === "string" ? nonce : undefined;
}
