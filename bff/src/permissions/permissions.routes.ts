import { Router, type Request } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import { grantBody, userIdParam } from "./permissions.schema.ts";
import type { PermissionObject, PermissionsService } from "./permissions.service.ts";

export function createPermissionsRouter(deps: { permissions: PermissionsService }): Router {
  const router = Router();
  const { permissions } = deps;
  const installation = (req: Request): PermissionObject => ({ kind: "installation", id: installationIdParam.parse(req.params).id });
  const client = (req: Request): PermissionObject => ({ kind: "client", name: clientNameParam.parse(req.params).name });

  for (const [base, object] of [
    ["/installations/:id/permissions", installation],
    ["/clients/:name/permissions", client],
  ] as const) {
    router.get(base, async (req, res) => {
      res.json(await permissions.list(principalOf(req), object(req)));
    });
    router.put(`${base}/:userId`, async (req, res) => {
      const { userId } = userIdParam.parse(req.params);
      res.json(await permissions.grant(principalOf(req), object(req), userId, grantBody.parse(req.body)));
    });
    router.delete(`${base}/:userId`, async (req, res) => {
      const { userId } = userIdParam.parse(req.params);
      await permissions.revoke(principalOf(req), object(req), userId);
      res.status(204).end();
    });
  }

  return router;
}
