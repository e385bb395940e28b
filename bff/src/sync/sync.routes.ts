import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import type { SyncStatusService } from "./sync-status.service.ts";

export function createSyncRouter(deps: { sync: SyncStatusService }): Router {
  const router = Router();
  const { sync } = deps;

  router.get("/clients/:name/sync", async (req, res) => {
    res.json(await sync.forClient(principalOf(req), clientNameParam.parse(req.params).name));
  });
  router.post("/clients/:name/sync/retry", async (req, res) => {
    res.json(await sync.retryClient(principalOf(req), clientNameParam.parse(req.params).name));
  });
  router.get("/installations/:id/sync", async (req, res) => {
    res.json(await sync.forInstallation(principalOf(req), installationIdParam.parse(req.params).id));
  });
  router.post("/installations/:id/sync/retry", async (req, res) => {
    res.json(await sync.retryInstallation(principalOf(req), installationIdParam.parse(req.params).id));
  });

  return router;
}
