import { ConfigError, parseConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";
import { startBanner } from "./start-banner.ts";

let config;
try {
  config = parseConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
const started = Date.now();
const running = await startServer(config, logger, { onDataDirLockLost: () => process.exit(1) }).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
});

const demoLogins = running.idp ? (await running.db.prisma.user.count({ where: { username: "owner", email: "owner@demo.local" } })) > 0 : false;
console.log(
  startBanner({
    url: running.url,
    databaseKind: running.db.kind,
    readySeconds: (Date.now() - started) / 1000,
    demoLogins,
    scripts: running.idp ? { origin: running.idp.scriptsClientSecretOrigin, secret: running.idp.scriptsClientSecret } : undefined,
  }),
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  await running.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
