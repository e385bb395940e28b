import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import path from "node:path";
import type { Express } from "express";
import type { Logger } from "pino";
import { createApp } from "./app.ts";
import { discoveredIntrospectionEndpoint, TokenIntrospector } from "./auth/token-introspector.ts";
import type { Config } from "./config.ts";
import { loadDataKey } from "./crypto/data-key.ts";
import { SecretBox } from "./crypto/secret-box.ts";
import { SystemSecrets } from "./crypto/system-secrets.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { seedDemoData, shouldSeedDemoData } from "./demo/demo-data.ts";
import { seedDemoUsage } from "./demo/demo-usage.ts";
import { createEmbeddedIdp, type EmbeddedIdp } from "./idp/embedded-idp.ts";
import { swaggerClientId } from "./idp/provider.ts";
import { discoveredOAuthEndpoints, embeddedOAuthEndpoints } from "./openapi/oauth-endpoints.ts";
import { purgeExpiredOidcModels } from "./idp/prisma-adapter.ts";
import { purgeTokenCounters } from "./token/purge-token-rows.ts";
import { purgeLivenessRows } from "./playground/purge-liveness-rows.ts";
import type { InstallationStoreFactory } from "./installation-stores/installation-store.ts";
import { MongoInstallationStoreFactory } from "./installation-stores/mongo-installation-store.ts";
import { InstallationSync } from "./sync/installation-sync.ts";
import { UsageRecorder } from "./usage/usage-events.ts";
import type { OutboxWorkerOptions } from "./sync/outbox-worker.ts";

/**
 * Starts one BFF instance: database (migrated), data key, demo data, identity provider,
 * HTTP server. The socket is bound first so that a `PORT=0` test server knows its URL
 * before the issuer is configured.
 */
export interface RunningServer {
  url: string;
  /** The Express app (tests walk its routes). */
  app: Express;
  port: number;
  db: Database;
  idp?: EmbeddedIdp;
  demoSeeded: boolean;
  server: Server;
  sync: InstallationSync;
  usage: UsageRecorder;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An already open database (tests); the caller closes it. */
  database?: Database;
  /** Where installations' client documents go; MongoDB by default. */
  storeFactory?: InstallationStoreFactory;
  worker?: OutboxWorkerOptions;
  /** Tests drive the outbox worker themselves when false. */
  startWorker?: boolean;
}

export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const database = options.database;
  // Requests that arrive while the instance is still starting get a 503, not silence.
  let handler: RequestListener = (_req, res) => {
    res.writeHead(503, { "content-type": "application/json", "retry-after": "1" }).end(JSON.stringify({ Message: "The server is starting." }));
  };
  const server = createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = config.publicUrl.replace(/:0$/, `:${port}`);

  let db: Database | undefined = database;
  try {
    db ??= await openDatabase(
      config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: path.join(config.dataDir, "pg") },
    );
    const dataKey = await loadDataKey(config.dataDir, config.dataKey);
    const box = new SecretBox(dataKey);
    const secrets = new SystemSecrets(db.prisma, box);
    const demoSeeded = await shouldSeedDemoData(db.prisma, config.demoData);
    if (demoSeeded) {
      await seedDemoData(db.prisma, publicUrl);
      if (config.demoUsageDays > 0) await seedDemoUsage(db.prisma, { days: config.demoUsageDays });
    }

    let idp: EmbeddedIdp | undefined;
    let introspector: TokenIntrospector;
    if (config.externalIssuer) {
      introspector = new TokenIntrospector({
        endpoint: discoveredIntrospectionEndpoint(config.externalIssuer),
        clientId: config.introspectionClientId!,
        clientSecret: config.introspectionClientSecret!,
      });
    } else {
      idp = await createEmbeddedIdp({
        publicUrl,
        portalClientId: config.portalClientId,
        prisma: db.prisma,
        secrets,
        dataKey,
        scriptsClientSecret: config.scriptsClientSecret,
        introspectionClientId: config.introspectionClientId,
        introspectionClientSecret: config.introspectionClientSecret,
        demoHint: (await db.prisma.user.count({ where: { username: "owner", email: "owner@demo.local" } })) > 0,
      });
      const local = `http://127.0.0.1:${port}/oidc/token/introspection`;
      introspector = new TokenIntrospector({
        endpoint: async () => local,
        clientId: idp.introspectionClientId,
        clientSecret: idp.introspectionClientSecret,
      });
    }

    const usage = new UsageRecorder(db.prisma, `${hostname()}:${process.pid}`, logger);
    const sync = new InstallationSync(db.prisma, box, options.storeFactory ?? new MongoInstallationStoreFactory(), logger, options.worker);
    const issuer = config.externalIssuer ?? `${publicUrl}/oidc`;
    const app = createApp({
      db,
      logger,
      introspector,
      box,
      sync,
      tokenRateLimitPerMinute: config.tokenRateLimitPerMinute,
      liveness: config.liveness,
      usage,
      idp,
      portal: {
        distDir: config.portalDist,
        config: {
          issuer,
          clientId: config.portalClientId,
          scope: config.externalIssuer ? "openid profile email offline_access managebws" : "openid profile email managebws",
        },
      },
      docs: {
        publicUrl,
        issuer,
        swaggerClientId: config.externalIssuer ? config.swaggerClientId : swaggerClientId,
        oauthEndpoints: config.externalIssuer ? discoveredOAuthEndpoints(issuer) : embeddedOAuthEndpoints(issuer),
      },
    });
    handler = app;
    if (options.startWorker !== false) sync.start();

    const purge = setInterval(() => {
      purgeExpiredOidcModels(db!.prisma).catch((err: unknown) => logger.warn({ err }, "purging expired IdP rows failed"));
      purgeTokenCounters(db!.prisma).catch((err: unknown) => logger.warn({ err }, "purging token counters failed"));
      purgeLivenessRows(db!.prisma, config.liveness).catch((err: unknown) => logger.warn({ err }, "purging liveness fingerprints failed"));
    }, 10 * 60_000);
    purge.unref();

    const openDb = db;
    return {
      url: publicUrl,
      app,
      port,
      db: openDb,
      idp,
      demoSeeded,
      server,
      sync,
      usage,
      close: async () => {
        clearInterval(purge);
        await sync.close();
        await usage.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        if (!database) await openDb.close();
      },
    };
  } catch (error) {
    server.close();
    if (db && !database) await db.close().catch(() => {});
    throw error;
  }
}
