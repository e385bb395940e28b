import { Router } from "express";
import { z } from "zod";
import { principalOf } from "../auth/authenticate.ts";
import type { InstallationsService } from "./installations.service.ts";

const idParam = z.object({ id: z.uuid("must be an installation id") });

export function createInstallationsRouter(deps: { installations: InstallationsService }): Router {
  const router = Router();

  router.get("/installations", async (req, res) => {
    res.json(await deps.installations.list(principalOf(req)));
  });

  router.get("/installations/:id", async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await deps.installations.get(principalOf(req), id));
  });

  return router;
}
