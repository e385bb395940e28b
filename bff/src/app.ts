import express, { Router } from "express";
import type { Logger } from "pino";
import { authenticate } from "./auth/authenticate.ts";
import { PrincipalCache } from "./auth/principal-cache.ts";
import type { TokenIntrospector } from "./auth/token-introspector.ts";
import { ClientsService } from "./clients/clients.service.ts";
import { createClientsRouter } from "./clients/clients.routes.ts";
import type { Database } from "./db/database.ts";
import { createErrorHandler, notFoundHandler } from "./errors.ts";
import { createHealthRouter } from "./health/health.routes.ts";
import { securityHeaders } from "./browser-security/security-headers.ts";
import { requestLog } from "./http-middleware.ts";
import { announceLocalWrites, forgetTokensOnRevocation } from "./db/local-writes.ts";
import { jsonBody, rejectUnsafeUrl } from "./http/input-hygiene.ts";
import type { EmbeddedIdp } from "./idp/embedded-idp.ts";
import type { InstallationHosts } from "./installations/installation-hosts.ts";
import { InstallationsService } from "./installations/installations.service.ts";
import { createInstallationsRouter } from "./installations/installations.routes.ts";
import { createMeRouter } from "./me/me.routes.ts";
import { createAuditRouter } from "./audit/audit.routes.ts";
import { CertificatesService } from "./certificates/certificates.service.ts";
import { createCertificatesRouter } from "./certificates/certificates.routes.ts";
import type { SecretBox } from "./crypto/secret-box.ts";
import { KeysService } from "./keys/keys.service.ts";
import { createKeysRouter } from "./keys/keys.routes.ts";
import { PermissionsService } from "./permissions/permissions.service.ts";
import { createPermissionsRouter } from "./permissions/permissions.routes.ts";
import { EffectiveAccessService } from "./permissions/effective-access.service.ts";
import { createEffectiveAccessRouter } from "./permissions/effective-access.routes.ts";
import { createUsersRouter } from "./users/users.routes.ts";
import { UsersService } from "./users/users.service.ts";
import type { InstallationSync } from "./sync/installation-sync.ts";
import { createSyncRouter } from "./sync/sync.routes.ts";
import { createUsageRouter } from "./usage/usage.routes.ts";
import { createBwsLogRouter } from "./bwslog/bwslog.routes.ts";
import { BwsLogService } from "./bwslog/bwslog.service.ts";
import { createClassesRouter } from "./classes/classes.routes.ts";
import { ClassesService } from "./classes/classes.service.ts";
import { createSamplesRouter } from "./samples/samples.routes.ts";
import { SamplesService } from "./samples/samples.service.ts";
import { createDiagnosticsRouter } from "./diagnostics/diagnostics.routes.ts";
import { DiagnosticsService } from "./diagnostics/diagnostics.service.ts";
import { UsageService } from "./usage/usage.service.ts";
import { AppThrottle } from "./token/app-throttle.ts";
import type { LimitSettings } from "./config.ts";
import type { Limiter } from "./limits/limiter.ts";
import { PlaygroundLimits } from "./playground/playground-limits.ts";
import { SigningKeys } from "./token/signing-keys.ts";
import { createTokenRouter } from "./token/token.routes.ts";
import { TokenService } from "./token/token.service.ts";
import type { KeyLastUsed } from "./token/key-last-used.ts";
import { WebApiKeyCache } from "./token/web-api-key-cache.ts";
import type { UsageRecorder } from "./usage/usage-events.ts";
import { createPlaygroundRouter } from "./playground/playground.routes.ts";
import { createFaceAssetsRouter } from "./playground/face-assets.ts";
import { createLivenessRouter } from "./playground/liveness.routes.ts";
import { FramePrintStore } from "./playground/frame-print-store.ts";
import { BwsTokenVerifier } from "./token/token-verifier.ts";
import { createPortalRouter, type PortalConfig } from "./portal/portal.routes.ts";
import { createDocsRouter, type DocsOptions } from "./openapi/docs.routes.ts";
import type { TaskRunner } from "./workers/worker-pool.ts";

export interface AppDeps {
  db: Database;
  logger: Logger;
  introspector: TokenIntrospector;
  box: SecretBox;
  sync: InstallationSync;
  /** INSTALLATION_HOSTS: the hosts connection strings may name. */
  installationHosts: InstallationHosts;
  /** The abuse limits' shared counters and their settings (README "Limits"). */
  limiter: Limiter;
  limits: LimitSettings;
  /** LIVENESS_PRINT_RETENTION_DAYS: how long the replay store keeps fingerprints. */
  livenessPrintRetentionDays: number;
  usage: UsageRecorder;
  keyLastUsed: KeyLastUsed;
  /** Absent when an external issuer is configured. */
  idp?: EmbeddedIdp;
  portal: { distDir: string; config: PortalConfig };
  /** The OpenAPI document and Swagger UI's sign-in. */
  docs: DocsOptions;
  /** The worker pool for CPU work on untrusted input (liveness frames, certificate files). */
  tasks: TaskRunner;
  certificateMaxKdfIterations: number;
}

export function createApp(deps: AppDeps): express.Express {
  const { prisma } = deps.db;
  const signingKeys = new SigningKeys(prisma, deps.box, deps.db.changes);
  const playgroundLimits = new PlaygroundLimits(deps.limiter, deps.limits);
  const tokens = new TokenService(
    prisma,
    signingKeys,
    new AppThrottle(deps.limiter, deps.limits),
    deps.usage,
    playgroundLimits,
    new WebApiKeyCache(prisma, deps.db.changes),
    deps.keyLastUsed,
  );

  const app = express();
  app.disable("x-powered-by");
  // API answers are no-store: an ETag per answer would be computed for nothing. Static
  // files keep theirs (express.static sets its own).
  app.disable("etag");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders({ publicUrl: deps.docs.publicUrl, issuer: deps.docs.issuer }));
  app.use(requestLog(deps.logger));
  app.use(rejectUnsafeUrl);
  // The Token Web API is the hot path (called before every biometric operation): first.
  app.use(createTokenRouter({ tokens }));
  app.use(createHealthRouter({ db: deps.db }));
  if (deps.idp) app.use("/oidc", forgetTokensOnRevocation(deps.introspector), deps.idp.router);
  // Public: before the API router, whose first middleware demands a bearer token.
  app.use("/api", createDocsRouter(deps.docs));

  const api = Router();
  api.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  api.use(authenticate(deps.introspector, new PrincipalCache(prisma, deps.db.changes)));
  api.use(announceLocalWrites(deps.db.changes));
  api.use(jsonBody("1mb"));
  api.use(createMeRouter({ sql: deps.db.sql }));
  api.use(createClientsRouter({ clients: new ClientsService(prisma, deps.sync.clientSync, deps.db.sql) }));
  api.use(createInstallationsRouter({ installations: new InstallationsService(prisma, deps.box, deps.sync.onConnectionString, deps.installationHosts) }));
  api.use(createSyncRouter({ sync: deps.sync.status }));
  api.use(createUsageRouter({ usage: new UsageService(prisma) }));
  api.use(createBwsLogRouter({ bwsLog: new BwsLogService(prisma) }));
  api.use(createClassesRouter({ classes: new ClassesService(prisma, deps.sync.clientSync) }));
  api.use(createSamplesRouter({ samples: new SamplesService(prisma) }));
  api.use(createDiagnosticsRouter({ diagnostics: new DiagnosticsService(prisma) }));
  api.use(createPermissionsRouter({ permissions: new PermissionsService(prisma) }));
  api.use(createEffectiveAccessRouter({ effectiveAccess: new EffectiveAccessService(prisma) }));
  api.use(createCertificatesRouter({ certificates: new CertificatesService(prisma, deps.box, deps.sync.clientSync, { tasks: deps.tasks, maxKdfIterations: deps.certificateMaxKdfIterations }) }));
  api.use(createKeysRouter({ keys: new KeysService(prisma, deps.sync.clientSync) }));
  api.use(createUsersRouter({ users: new UsersService(prisma) }));
  api.use(createAuditRouter({ prisma }));
  api.use(createPlaygroundRouter({ tokens }));
  api.use(notFoundHandler);
  app.use("/api", api);

  app.use(
    createLivenessRouter({
      prisma,
      verifier: new BwsTokenVerifier(prisma, signingKeys),
      usage: deps.usage,
      tasks: deps.tasks,
      limits: playgroundLimits,
      prints: new FramePrintStore(prisma, { retentionDays: deps.livenessPrintRetentionDays }),
      logger: deps.logger,
    }),
  );
  app.use(createFaceAssetsRouter());
  app.use(createPortalRouter({ distDir: deps.portal.distDir, portalConfig: deps.portal.config }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}
