import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import path from "node:path";
import type { Express } from "express";
import type { Logger } from "pino";
import { createApp } from "./app.ts";
import { answerClientError } from "./http/client-error.ts";
import { discoveredIntrospectionEndpoint, TokenIntrospector } from "./auth/token-introspector.ts";
import type { Config } from "./config.ts";
import { loadDataKey } from "./crypto/data-key.ts";
import { SecretBox } from "./crypto/secret-box.ts";
import { SystemSecrets } from "./crypto/system-secrets.ts";
import { acquireDataDirLock, type DataDirLock } from "./db/data-dir-lock.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { seedDemoData, shouldSeedDemoData } from "./demo/demo-data.ts";
import { seedDemoUsage } from "./demo/demo-usage.ts";
import { createEmbeddedIdp, type EmbeddedIdp } from "./idp/embedded-idp.ts";
import { swaggerClientId } from "./idp/provider.ts";
import { discoveredOAuthEndpoints, embeddedOAuthEndpoints } from "./openapi/oauth-endpoints.ts";
import { purgeExpiredOidcModels } from "./idp/prisma-adapter.ts";
import { purgeTokenCounters } from "./token/purge-token-rows.ts";
import { Limiter } from "./limits/limiter.ts";
import { SharedCounters } from "./limits/shared-counters.ts";
import { SignInLimits } from "./idp/sign-in-limits.ts";
import { purgeLivenessRows } from "./playground/purge-liveness-rows.ts";
import type { InstallationStoreFactory } from "./installation-stores/installation-store.ts";
import { MongoInstallationStoreFactory } from "./installation-stores/mongo-installation-store.ts";
import { InstallationSync } from "./sync/installation-sync.ts";
import { UsageRecorder } from "./usage/usage-events.ts";
import { KeyLastUsed } from "./token/key-last-used.ts";
import type { OutboxWorkerOptions } from "./sync/outbox-worker.ts";
import { ConcurrencyGate } from "./workers/concurrency-gate.ts";
import { WorkerPool } from "./workers/worker-pool.ts";

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
  keyLastUsed: KeyLastUsed;
  /** Worker threads for CPU work on untrusted input. */
  workers: WorkerPool;
  /** Bounds the scrypt work of sign-ins. */
  passwordHashing: ConcurrencyGate;
  /** The abuse limits' counters (tests sync them explicitly). */
  limitCounters: SharedCounters;
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
  /** Called when another process took this instance's DATA_DIR lock (main.ts exits). */
  onDataDirLockLost?: () => void;
  /** The abuse limits' time (tests move it instead of waiting). */
  clock?: () => number;
}

export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const database = options.database;
  // Requests that arrive while the instance is still starting get a 503, not silence.
  let handler: RequestListener = (_req, res) => {
    res.writeHead(503, { "content-type": "application/json", "retry-after": "1" }).end(JSON.stringify({ Message: "The server is starting.", Code: "ServiceUnavailable" }));
  };
  const server = createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 65_000;
  server.on("clientError", answerClientError(logger));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = config.publicUrl.replace(/:0$/, `:${port}`);

  let db: Database | undefined = database;
  let lock: DataDirLock | undefined;
  const workers = new WorkerPool(config.workerPool);
  const passwordHashing = new ConcurrencyGate({ ...config.passwordHashing, what: "checking passwords" });
  let limitCounters: SharedCounters | undefined;
  try {
    // The embedded database is single-process: one instance per DATA_DIR (db/data-dir-lock.ts).
    if (!database && !config.databaseUrl) {
      lock = await acquireDataDirLock(config.dataDir, {
        port,
        url: publicUrl,
        onLost: (holder) => {
          logger.fatal({ holder }, "another process took this instance's DATA_DIR lock; stopping to protect the embedded database");
          options.onDataDirLockLost?.();
        },
      });
    }
    db ??= await openDatabase(
      config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: path.join(config.dataDir, "pg") },
      { onChangeFeedError: (err) => logger.warn({ err }, "change notifications interrupted: caches read through until they are back") },
    );
    const dataKey = await loadDataKey(config.dataDir, config.dataKey);
    const box = new SecretBox(dataKey);
    const secrets = new SystemSecrets(db.prisma, box);
    const demoSeeded = await shouldSeedDemoData(db.prisma, config.demoData);
    if (demoSeeded) {
      await seedDemoData(db.prisma, publicUrl);
      if (config.demoUsageDays > 0) await seedDemoUsage(db.prisma, { days: config.demoUsageDays });
    }

    const counters = new SharedCounters(db.prisma, { syncMs: config.limits.syncMs, clock: options.clock, logger });
    limitCounters = counters;
    const limiter = new Limiter(counters, logger);

    let idp: EmbeddedIdp | undefined;
    let introspector: TokenIntrospector;
    if (config.externalIssuer) {
      introspector = new TokenIntrospector({
        endpoint: discoveredIntrospectionEndpoint(config.externalIssuer),
        clientId: config.introspectionClientId!,
        clientSecret: config.introspectionClientSecret!,
        maxCacheAgeMs: config.introspectionCacheSeconds * 1000,
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
        passwordHashing,
        signInLimits: new SignInLimits(limiter, config.limits),
        clock: options.clock,
      });
      const local = `http://127.0.0.1:${port}/oidc/token/introspection`;
      const changes = db.changes;
      introspector = new TokenIntrospector({
        endpoint: async () => local,
        clientId: idp.introspectionClientId,
        clientSecret: idp.introspectionClientSecret,
        maxCacheAgeMs: config.introspectionCacheSeconds * 1000,
        canCache: () => changes.healthy,
      });
      const embedded = introspector;
      changes.subscribe("access_token", (sha256Hex) => embedded.evict(sha256Hex));
      changes.onReset(() => embedded.clear());
    }

    const usage = new UsageRecorder(db.prisma, `${hostname()}:${process.pid}`, logger);
    const keyLastUsed = new KeyLastUsed(db.prisma, logger);
    const sync = new InstallationSync(db.prisma, box, options.storeFactory ?? new MongoInstallationStoreFactory({ hosts: config.installationHosts }), logger, options.worker);
    const issuer = config.externalIssuer ?? `${publicUrl}/oidc`;
    const app = createApp({
      db,
      logger,
      introspector,
      box,
      sync,
      installationHosts: config.installationHosts,
      limiter,
      limits: config.limits,
      livenessPrintRetentionDays: config.livenessPrintRetentionDays,
      usage,
      keyLastUsed,
      tasks: workers,
      certificateMaxKdfIterations: config.certificateMaxKdfIterations,
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
    if (config.workerPool.preloadModels) preloadFaceModels(workers, logger);

    const purge = setInterval(() => {
      purgeExpiredOidcModels(db!.prisma).catch((err: unknown) => logger.warn({ err }, "purging expired IdP rows failed"));
      purgeTokenCounters(db!.prisma).catch((err: unknown) => logger.warn({ err }, "purging token counters failed"));
      counters.purge().catch((err: unknown) => logger.warn({ err }, "purging limit counters failed"));
      purgeLivenessRows(db!.prisma, config.livenessPrintRetentionDays).catch((err: unknown) => logger.warn({ err }, "purging liveness fingerprints failed"));
    }, 10 * 60_000);
    purge.unref();

    const openDb = db;
    const heldLock = lock;
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
      keyLastUsed,
      workers,
      passwordHashing,
      limitCounters: counters,
      close: async () => {
        clearInterval(purge);
        await sync.close();
        await usage.close();
        await keyLastUsed.close();
        await counters.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await workers.close();
        if (!database) await openDb.close();
        await heldLock?.release();
      },
    };
  } catch (error) {
    await limitCounters?.close().catch(() => {});
    server.close();
    await workers.close();
    if (db && !database) await db.close().catch(() => {});
    await lock?.release();
    throw error;
  }
}

/**
 * Loads the face models into every worker in the background, so that the first liveness
 * attempt after a start is judged as fast as the next (it took 2.4-3 s when it loaded them).
 * A failure costs nothing but that: the first attempt loads them, or says why it cannot.
 */
function preloadFaceModels(workers: WorkerPool, logger: Logger): void {
  const started = performance.now();
  workers.preloadFaceModels().then(
    (threads) => logger.info({ workers: threads.length, ms: Math.round(performance.now() - started) }, "face models loaded"),
    (err: unknown) => logger.warn({ err }, "face models not preloaded: the first liveness attempt loads them"),
  );
}
