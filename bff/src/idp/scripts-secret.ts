import { access } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.ts";
import { SecretBox } from "../crypto/secret-box.ts";
import { loadDataKey } from "../crypto/data-key.ts";
import { SystemSecrets } from "../crypto/system-secrets.ts";
import { acquireDataDirLock, DataDirLockedError } from "../db/data-dir-lock.ts";
import { openDatabase } from "../db/database.ts";
import { scriptsClientSecretName } from "./embedded-idp.ts";
import { scriptsClientId } from "./provider.ts";

/**
 * `npm run scripts-secret`: the generated bws-scripts secret again, read from the database
 * with the data key (it is printed only on the start that generated it). Rules:
 * - A configured SCRIPTS_CLIENT_SECRET is never printed.
 * - Nothing is created: without a database, data key or generated secret it says so.
 * - The embedded database serves one process: while an instance runs on DATA_DIR, the
 *   command names it and stops (a PostgreSQL server is read alongside running instances).
 */
export interface CommandResult {
  exitCode: 0 | 1;
  /** stdout on success, stderr otherwise. */
  text: string;
}

export async function readScriptsSecret(config: Config): Promise<CommandResult> {
  if (config.externalIssuer) return failed("OIDC_ISSUER is set: the embedded identity provider, and with it the bws-scripts client, is off.");
  if (config.scriptsClientSecret) return { exitCode: 0, text: "The bws-scripts secret is the one configured in SCRIPTS_CLIENT_SECRET; it is not printed." };
  if (!config.dataKey && !(await exists(path.join(config.dataDir, "data-key")))) {
    return failed(`There is no data key in ${config.dataDir} (and DATA_KEY is not set): start the BWS Portal once first.`);
  }
  const pgDir = path.join(config.dataDir, "pg");
  if (!config.databaseUrl && !(await exists(pgDir))) return failed(`There is no database in ${pgDir}: start the BWS Portal once first.`);

  let lock;
  if (!config.databaseUrl) {
    try {
      lock = await acquireDataDirLock(config.dataDir, { url: "npm run scripts-secret" });
    } catch (error) {
      if (error instanceof DataDirLockedError) return failed(`${error.message}\nStop it, then run 'npm run scripts-secret' again.`);
      throw error;
    }
  }
  try {
    const db = await openDatabase(config.databaseUrl ? { kind: "postgres", url: config.databaseUrl, poolSize: 1 } : { kind: "pglite", dataDir: pgDir });
    try {
      const secrets = new SystemSecrets(db.prisma, new SecretBox(await loadDataKey(config.dataDir, config.dataKey)));
      const secret = await secrets.get(scriptsClientSecretName);
      if (secret === undefined) return failed("No bws-scripts secret has been generated yet: start the BWS Portal once first.");
      return { exitCode: 0, text: `client_id '${scriptsClientId}', client_secret '${secret}'` };
    } finally {
      await db.close();
    }
  } finally {
    await lock?.release();
  }
}

function failed(text: string): CommandResult {
  return { exitCode: 1, text };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
