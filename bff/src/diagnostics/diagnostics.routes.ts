import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import type { DiagnosticsService } from "./diagnostics.service.ts";

export function createDiagnosticsRouter(deps: { diagnostics: DiagnosticsService }): Router {
  const router = Router();
  router.get("/installations/:id/diagnostics", async (req, res) => {
    const { id } = installationIdParam.parse(req.params);
    res.json(await deps.diagnostics.forInstallation(principalOf(req), id));
  });
  return router;
}
