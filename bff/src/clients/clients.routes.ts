import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam, listClientsQuery } from "./clients.schema.ts";
import type { ClientsService } from "./clients.service.ts";

export function createClientsRouter(deps: { clients: ClientsService }): Router {
  const router = Router();

  router.get("/clients", async (req, res) => {
    res.json(await deps.clients.list(principalOf(req), listClientsQuery.parse(req.query)));
  });

  router.get("/clients/:name", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await deps.clients.get(principalOf(req), name));
  });

  return router;
}
