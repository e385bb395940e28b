import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { createInstallationBody, installationIdParam, updateInstallationBody } from "./installations.schema.ts";
import type { InstallationsService } from "./installations.service.ts";

export function createInstallationsRouter(deps: { installations: InstallationsService }): Router {
  const router = Router();
  const { installations } = deps;

  router.get("/installations", async (req, res) => {
    res.json(await installations.list(principalOf(req)));
  });

  router.post("/installations", async (req, res) => {
    res.status(201).json(await installations.create(principalOf(req), createInstallationBody.parse(req.body)));
  });

  router.get("/installations/:id", async (req, res) => {
    res.json(await installations.get(principalOf(req), installationIdParam.parse(req.params).id));
  });

  router.patch("/installations/:id", async (req, res) => {
    const { id } = installationIdParam.parse(req.params);
    res.json(await installations.update(principalOf(req), id, updateInstallationBody.parse(req.body)));
  });

  router.delete("/installations/:id", async (req, res) => {
    await installations.remove(principalOf(req), installationIdParam.parse(req.params).id);
    res.status(204).end();
  });

  router.get("/installations/:id/connection-string", async (req, res) => {
    res.json(await installations.connectionString(principalOf(req), installationIdParam.parse(req.params).id));
  });

  return router;
}
