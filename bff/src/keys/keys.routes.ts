import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { appIdParam, createKeyBody, rotateKeyBody } from "./keys.schema.ts";
import type { KeysService } from "./keys.service.ts";

export function createKeysRouter(deps: { keys: KeysService }): Router {
  const router = Router();
  const { keys } = deps;

  router.get("/clients/:name/keys", async (req, res) => {
    res.json(await keys.list(principalOf(req), clientNameParam.parse(req.params).name));
  });

  router.post("/clients/:name/keys", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { label } = createKeyBody.parse(req.body ?? {});
    res.status(201).json(await keys.create(principalOf(req), name, label));
  });

  router.post("/clients/:name/keys/:appId/rotate", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { appId } = appIdParam.parse(req.params);
    const { overlapHours } = rotateKeyBody.parse(req.body ?? {});
    res.status(201).json(await keys.rotate(principalOf(req), name, appId, overlapHours));
  });

  router.delete("/clients/:name/keys/:appId", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    await keys.revoke(principalOf(req), name, appIdParam.parse(req.params).appId);
    res.status(204).end();
  });

  return router;
}
