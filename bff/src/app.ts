import express, { Router } from "express";
import type { Logger } from "pino";
import { authenticate } from "./auth/authenticate.ts";
import type { TokenIntrospector } from "./auth/token-introspector.ts";
import { ClientsService } from "./clients/clients.service.ts";
import { createClientsRouter } from "./clients/clients.routes.ts";
import type { Database } from "./db/database.ts";
import { createErrorHandler, notFoundHandler } from "./errors.ts";
import { createHealthRouter } from "./health/health.routes.ts";
import { requestLog, securityHeaders } from "./http-middleware.ts";
import type { EmbeddedIdp } from "./idp/embedded-idp.ts";
import { InstallationsService } from "./installations/installations.service.ts";
import { createInstallationsRouter } from "./installations/installations.routes.ts";
import { createMeRouter } from "./me/me.routes.ts";
import { createPortalRouter, type PortalConfig } from "./portal/portal.routes.ts";

export interface AppDeps {
  db: Database;
  logger: Logger;
  introspector: TokenIntrospector;
  /** Absent when an external issuer is configured. */
  idp?: EmbeddedIdp;
  portal: { distDir: string; config: PortalConfig };
}

export function createApp(deps: AppDeps): express.Express {
  const { prisma } = deps.db;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders);
  app.use(requestLog(deps.logger));
  app.use(createHealthRouter({ db: deps.db }));
  if (deps.idp) app.use("/oidc", deps.idp.router);

  const api = Router();
  api.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  api.use(authenticate(deps.introspector, prisma));
  api.use(express.json({ limit: "1mb" }));
  api.use(createMeRouter({ prisma }));
  api.use(createClientsRouter({ clients: new ClientsService(prisma) }));
  api.use(createInstallationsRouter({ installations: new InstallationsService(prisma) }));
  api.use(notFoundHandler);
  app.use("/api", api);

  app.use(createPortalRouter({ distDir: deps.portal.distDir, portalConfig: deps.portal.config }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}
