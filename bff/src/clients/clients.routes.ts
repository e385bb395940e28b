import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam, createClientBody, listClientsQuery, ownershipBody, updateClientBody } from "./clients.schema.ts";
import type { ClientsService } from "./clients.service.ts";

export function createClientsRouter(deps: { clients: ClientsService }): Router {
  const router = Router();
  const { clients } = deps;

  router.get("/clients", async (req, res) => {
    res.json(await clients.list(principalOf(req), listClientsQuery.parse(req.query)));
  });

  router.post("/clients", async (req, res) => {
    res.status(201).json(await clients.create(principalOf(req), createClientBody.parse(req.body)));
  });

  router.get("/clients/:name", async (req, res) => {
    res.json(await clients.get(principalOf(req), clientNameParam.parse(req.params).name));
  });

  router.patch("/clients/:name", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await clients.update(principalOf(req), name, updateClientBody.parse(req.body)));
  });

  router.delete("/clients/:name", async (req, res) => {
    await clients.remove(principalOf(req), clientNameParam.parse(req.params).name);
    res.status(204).end();
  });

  router.post("/clients/:name/owners", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await clients.changeOwnership(principalOf(req), name, ownershipBody.parse(req.body)));
  });

  return router;
}
