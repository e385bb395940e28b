import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import type { EffectiveAccessService } from "./effective-access.service.ts";

export function createEffectiveAccessRouter(deps: { effectiveAccess: EffectiveAccessService }): Router {
  const router = Router();
  const { effectiveAccess } = deps;
  router.get("/installations/:id/access", async (req, res) => {
    res.json(await effectiveAccess.list(principalOf(req), { kind: "installation", id: installationIdParam.parse(req.params).id }));
  });
  router.get("/clients/:name/access", async (req, res) => {
    res.json(await effectiveAccess.list(principalOf(req), { kind: "client", name: clientNameParam.parse(req.params).name }));
  });
  return router;
}
