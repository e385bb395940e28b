import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The data key encrypts connection strings, private keys and generated secrets at rest.
 * - DATA_KEY wins; several instances on one database must share it.
 * - Without DATA_KEY the key is generated once into $DATA_DIR/data-key (mode 0600) and reused.
 */
export async function loadDataKey(dataDir: string, configured?: string): Promise<Uint8Array> {
  if (configured) return Buffer.from(configured, "base64url");
  const file = path.join(dataDir, "data-key");
  try {
    const stored = (await readFile(file, "utf8")).trim();
    const key = Buffer.from(stored, "base64url");
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64url key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  return key;
}
