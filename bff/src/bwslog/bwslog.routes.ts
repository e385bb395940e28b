import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import { bwsLogQuery } from "./bwslog.schema.ts";
import type { BwsLogService } from "./bwslog.service.ts";

export function createBwsLogRouter(deps: { bwsLog: BwsLogService }): Router {
  const router = Router();
  router.get("/clients/:name/bwslog", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await deps.bwsLog.forClient(principalOf(req), name, bwsLogQuery.parse(req.query)));
  });
  router.get("/installations/:id/bwslog", async (req, res) => {
    const { id } = installationIdParam.parse(req.params);
    res.json(await deps.bwsLog.forInstallation(principalOf(req), id, bwsLogQuery.parse(req.query)));
  });
  return router;
}
