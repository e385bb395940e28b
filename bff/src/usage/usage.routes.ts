import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import { usageQuery } from "./usage.schema.ts";
import type { UsageService } from "./usage.service.ts";

export function createUsageRouter(deps: { usage: UsageService }): Router {
  const router = Router();
  router.get("/clients/:name/usage", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await deps.usage.forClient(principalOf(req), name, usageQuery.parse(req.query)));
  });
  router.get("/installations/:id/usage", async (req, res) => {
    const { id } = installationIdParam.parse(req.params);
    res.json(await deps.usage.forInstallation(principalOf(req), id, usageQuery.parse(req.query)));
  });
  router.get("/usage/overview", async (req, res) => {
    res.json(await deps.usage.overview(principalOf(req), usageQuery.parse(req.query)));
  });
  return router;
}
