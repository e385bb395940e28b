import { Router } from "express";
import type { Database } from "../db/database.ts";

/** /healthz: the process answers. /readyz: it can also reach its database. */
export function createHealthRouter(deps: { db: Database }): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    try {
      await deps.db.ping();
      res.json({ status: "ready", database: deps.db.kind });
    } catch {
      res.status(503).json({ status: "unavailable", Message: "The configuration database cannot be reached." });
    }
  });
  return router;
}
