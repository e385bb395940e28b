import { ConfigError, parseConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { demoPassword, demoUsers } from "./demo/demo-data.ts";
import { scriptsClientId } from "./idp/provider.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";

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

// The one-time display of what a new user needs; printed, never logged.
const lines = [
  "",
  `  BWS Portal is running at ${running.url}/   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  Management API ${running.url}/api · IdP ${running.url}/oidc · database: ${running.db.kind}`,
];
if (running.idp) {
  if (await running.db.prisma.user.findFirst({ where: { username: "owner", email: "owner@demo.local" } })) {
    lines.push(`  Demo logins (password '${demoPassword}'): ${demoUsers.map((u) => u.username).join(", ")}`);
  }
  lines.push(`  Scripts client: client_id '${scriptsClientId}', client_secret '${running.idp.scriptsClientSecret}'`);
}
console.log(lines.join("\n") + "\n");

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
