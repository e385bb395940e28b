import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { classIdParam, classPatternParam, listClassesQuery, traitParam } from "./classes.schema.ts";
import type { ClassesService } from "./classes.service.ts";

export function createClassesRouter(deps: { classes: ClassesService }): Router {
  const router = Router();
  router.get("/clients/:name/:trait/classcount", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { trait } = traitParam.parse(req.params);
    res.json(await deps.classes.count(principalOf(req), name, trait));
  });
  router.get("/clients/:name/classes", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await deps.classes.list(principalOf(req), name, listClassesQuery.parse(req.query)));
  });
  router.delete("/clients/:name/classes/:classId", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { classId } = classIdParam.parse(req.params);
    res.status(202).json(await deps.classes.delete(principalOf(req), name, classId));
  });
  router.delete("/clients/:name/classes/:classId/:trait", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { classId, trait } = classPatternParam.parse(req.params);
    res.status(202).json(await deps.classes.delete(principalOf(req), name, classId, trait));
  });
  return router;
}
