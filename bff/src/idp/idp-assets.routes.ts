import { Router } from "express";
import { idpStyles } from "./login-page.ts";
import { logoutScript } from "./logout-page.ts";

/**
 * The stylesheet and script of the IdP's own pages, at /oidc/ui/: files rather than inline
 * `<style>` and `<script>`, so that the IdP's CSP allows only this origin's files.
 */
export function createIdpAssetsRouter(): Router {
  const router = Router();
  router.get("/ui/idp.css", (_req, res) => {
    res.set("Cache-Control", "no-cache").type("text/css").send(idpStyles);
  });
  router.get("/ui/logout.js", (_req, res) => {
    res.set("Cache-Control", "no-cache").type("text/javascript").send(logoutScript);
  });
  return router;
}
