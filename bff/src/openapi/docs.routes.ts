import { createRequire } from "node:module";
import path from "node:path";
import { Router } from "express";
import { notFoundHandler, ServiceUnavailableError } from "../errors.ts";
import { managementScope, swaggerRedirectPath } from "../idp/provider.ts";
import type { OAuthEndpointsSource } from "./oauth-endpoints.ts";
import { createOpenApiDocument } from "./openapi-document.ts";
import { swaggerInitializer, swaggerUiPage, swaggerUiStyles } from "./swagger-ui-page.ts";

/**
 * The public documentation routes, mounted at /api before the authenticated API:
 * - GET /api/openapi.json: the OpenAPI document, cached briefly by browsers and proxies.
 * - GET /api/docs: Swagger UI from the swagger-ui-dist package; only its listed files are
 *   served, and anything else under /api/docs is a 404, never the API's 401.
 * - With an issuer on another origin, the sign-in popup leaves this origin, and the BFF's
 *   COOP same-origin would cut it off from the page. Then the page allows popups and
 *   oauth2-redirect.html drops COOP, so the redirect can reach `window.opener`.
 */
export interface DocsOptions {
  publicUrl: string;
  issuer: string;
  swaggerClientId: string;
  oauthEndpoints: OAuthEndpointsSource;
}

const require = createRequire(import.meta.url);
const swaggerUiDist = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const distFiles = new Set([
  "swagger-ui.css",
  "swagger-ui.css.map",
  "swagger-ui-bundle.js",
  "swagger-ui-bundle.js.map",
  "oauth2-redirect.html",
  "oauth2-redirect.js",
  "favicon-16x16.png",
  "favicon-32x32.png",
]);

export function createDocsRouter(options: DocsOptions): Router {
  const router = Router();
  const crossOriginIssuer = new URL(options.issuer).origin !== new URL(options.publicUrl).origin;
  const initializer = swaggerInitializer({
    specUrl: "/api/openapi.json",
    oauth2RedirectUrl: `${options.publicUrl}${swaggerRedirectPath}`,
    clientId: options.swaggerClientId,
    scopes: `openid ${managementScope}`,
  });
  let documentJson: string | undefined;

  router.get("/openapi.json", async (_req, res) => {
    if (!documentJson) {
      const oauth = await options.oauthEndpoints().catch(() => {
        throw new ServiceUnavailableError("The identity provider's discovery document cannot be read. Try again in a moment.");
      });
      documentJson = JSON.stringify(createOpenApiDocument({ publicUrl: options.publicUrl, oauth }));
    }
    res.set("Cache-Control", "public, max-age=300").type("application/json").send(documentJson);
  });

  router.get("/docs", (_req, res) => {
    if (crossOriginIssuer) res.set("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
    res.set("Cache-Control", "no-cache").type("html").send(swaggerUiPage);
  });

  router.get("/docs/swagger-initializer.js", (_req, res) => {
    res.set("Cache-Control", "no-cache").type("text/javascript").send(initializer);
  });

  router.get("/docs/bws-docs.css", (_req, res) => {
    res.set("Cache-Control", "no-cache").type("text/css").send(swaggerUiStyles);
  });

  router.get("/docs/:file", (req, res, next) => {
    const file = String(req.params["file"]);
    if (!distFiles.has(file)) return next();
    if (crossOriginIssuer && file === "oauth2-redirect.html") res.set("Cross-Origin-Opener-Policy", "unsafe-none");
    res.sendFile(path.join(swaggerUiDist, file), { maxAge: "1d" });
  });

  router.use("/docs", notFoundHandler);
  return router;
}
