import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";
import { servePrecompressed } from "./precompressed-files.ts";

/**
 * Serves the built Angular portal at `/` with a fallback to index.html for client-side
 * routes, and the public `/portal-config.json` the portal reads before it signs in.
 * - Hashed bundles are cached for a year; index.html is always revalidated.
 * - Bundles are sent as the brotli/gzip copies the build wrote, when the browser accepts them.
 * - API, identity-provider and token paths never fall back to the portal.
 */
export interface PortalConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

const notPortal = /^\/(api|oidc|extension|token|assets|healthz|readyz)(\/|$)/;

export function createPortalRouter(deps: { distDir: string; portalConfig: PortalConfig }): Router {
  const router = Router();
  const index = path.join(deps.distDir, "index.html");

  router.get("/portal-config.json", (_req, res) => {
    res.set("Cache-Control", "no-cache").json(deps.portalConfig);
  });

  const cacheHeaders = (res: express.Response, file: string) => {
    const hashed = /-[A-Z0-9]{8,}\.(js|css)$/.test(path.basename(file));
    res.set("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  };
  router.use(servePrecompressed(deps.distDir, cacheHeaders));
  router.use(express.static(deps.distDir, { index: false, setHeaders: cacheHeaders }));

  router.get(/.*/, (req, res, next) => {
    if (notPortal.test(req.path) || !req.accepts("html")) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type("html")
        .send("<!doctype html><title>BWS Portal</title><p>The portal has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>");
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(index);
  });

  return router;
}
