import { createHash } from "node:crypto";

/**
 * The Content-Security-Policy of each kind of response the BFF serves. Rules:
 * - No inline script anywhere: every script is a file from this origin.
 * - The portal allows `<style>` elements only with the per-response nonce: Angular and
 *   Material add component styles at run time, and Angular puts the nonce on each of them
 *   (index.html carries it as `ngCspNonce`). Of style attributes only one is allowed, by
 *   hash: ngx-charts' tooltip area has a static `style`, which Angular writes with
 *   setAttribute. Style bindings (`[style.x]`) go through CSSOM, which CSP does not govern.
 * - `'wasm-unsafe-eval'` only for the playground's face-detection worker, which compiles
 *   onnxruntime-web's WebAssembly. A dedicated worker takes its policy from its own script's
 *   response, so the portal document may not compile WebAssembly. onnxruntime-web's threads
 *   run its glue file (/assets/ort/*.mjs) as workers that only instantiate the module the
 *   face worker compiled and sent them, which needs no permission (seen in Chromium 156).
 * - The IdP's pages use files under /oidc/ui/; where oidc-provider renders its own
 *   auto-submitting form, it adds its inline script's hash to this header's script-src.
 * - Nothing may frame these pages, load plugins or set a `<base>`.
 * - Scripts may reach this origin, plus the issuer's origin when the issuer lives
 *   elsewhere (discovery, token and revocation calls of the portal and Swagger UI).
 * - API and other data responses forbid everything: a JSON answer opened as a document
 *   can run nothing.
 */
export type ResponseKind = "portal" | "worker-script" | "swagger-ui" | "identity-provider" | "data";

export interface PolicyOptions {
  /** Origins besides 'self' that scripts may call (an external issuer's). */
  connectOrigins: readonly string[];
}

type Directives = Record<string, readonly string[]>;

/** ngx-charts' `<rect class="tooltip-area" style="opacity: 0; cursor: 'auto';">`. */
const chartTooltipAreaStyle = "opacity: 0; cursor: 'auto';";
const chartTooltipAreaStyleHash = `'sha256-${createHash("sha256").update(chartTooltipAreaStyle).digest("base64")}'`;

const never = {
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "frame-ancestors": ["'none'"],
} satisfies Directives;

const dataKinds = /^\/(api|extension|token|healthz|readyz|assets|portal-config\.json)(\/|$)/;
/** Angular names worker bundles `worker-<hash>.js`; the portal has one, the face detector. */
const workerScripts = /^\/worker-[A-Z0-9]+\.js$/;

export function responseKindOf(path: string): ResponseKind {
  if (/^\/oidc(\/|$)/.test(path)) return "identity-provider";
  if (/^\/api\/docs(\/|$)/.test(path)) return "swagger-ui";
  if (workerScripts.test(path)) return "worker-script";
  if (dataKinds.test(path)) return "data";
  return "portal";
}

/** The policy for a response of `kind`; `nonce` is required for the portal. */
export function contentSecurityPolicy(kind: ResponseKind, options: PolicyOptions, nonce?: string): string {
  const connect = ["'self'", ...options.connectOrigins];
  switch (kind) {
    case "portal":
      return serialize({
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", `'nonce-${nonce}'`],
        "style-src-attr": ["'unsafe-hashes'", chartTooltipAreaStyleHash],
        "img-src": ["'self'", "blob:", "data:"],
        "font-src": ["'self'"],
        "connect-src": connect,
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        // The portal submits no form natively: Angular forms and sign-out go through script.
        "form-action": ["'none'"],
        ...never,
      });
    case "worker-script":
      return serialize({
        "default-src": ["'none'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        ...never,
      });
    case "swagger-ui":
      return serialize({
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": connect,
        "form-action": ["'none'"],
        ...never,
      });
    case "identity-provider":
      return serialize({
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        // Sign-in and sign-out forms post here, and their redirects stay on this origin.
        "form-action": ["'self'"],
        ...never,
      });
    case "data":
      return serialize({ "default-src": ["'none'"], ...never, "form-action": ["'none'"] });
  }
}

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}
