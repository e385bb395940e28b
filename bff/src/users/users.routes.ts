import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { userSearchQuery } from "./users.schema.ts";
import type { UsersService } from "./users.service.ts";

export function createUsersRouter(deps: { users: UsersService }): Router {
  const router = Router();

  router.get("/users", async (req, res) => {
    res.json(await deps.users.search(principalOf(req), userSearchQuery.parse(req.query)));
  });

  return router;
}
