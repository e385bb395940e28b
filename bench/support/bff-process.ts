import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A BFF started the way `npm start` starts it (`node --import tsx bff/src/main.ts`, its own
 * process, a fresh DATA_DIR), on embedded PGlite or on a new database of the PostgreSQL
 * server in TEST_POSTGRES_URL. Load and probes reach it over HTTP from other processes, so
 * what is measured is what a user's traffic meets.
 */
export type BenchDatabase = "pglite" | "postgres";

export interface BffProcess {
  url: string;
  pid: number;
  database: BenchDatabase;
  scriptsSecret: string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The databases a bench runs on: PGlite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export function benchDatabases(): BenchDatabase[] {
  const only = process.env["BENCH_DATABASE"];
  if (only === "pglite" || only === "postgres") return [only];
  return process.env["TEST_POSTGRES_URL"] ? ["pglite", "postgres"] : ["pglite"];
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env["TEST_POSTGRES_URL"];
  if (!base) throw new Error("the PostgreSQL run needs TEST_POSTGRES_URL");
  const name = `bws_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export interface BffProcessOptions {
  /** Receives each line the BFF writes to stdout (its log, one JSON object a line); without it stdout is dropped. */
  onLogLine?: (line: string) => void;
}

export async function startBffProcess(database: BenchDatabase, env: Record<string, string> = {}, options: BffProcessOptions = {}): Promise<BffProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bws-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const scriptsSecret = randomBytes(24).toString("base64url");
  const postgres = database === "postgres" ? await createPostgresDatabase() : undefined;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "bff/src/main.ts")], {
    cwd: root,
    stdio: ["ignore", options.onLogLine ? "pipe" : "ignore", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DEMO_DATA: "true",
      DEMO_USAGE_DAYS: "0",
      LOG_LEVEL: "warn",
      SCRIPTS_CLIENT_SECRET: scriptsSecret,
      // Load benches measure from the first second after the start, when the face models'
      // background load (npm start's default) would take a core; the liveness bench turns it on.
      WORKER_PRELOAD_MODELS: "false",
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...env,
    },
  });
  if (options.onLogLine) {
    const onLogLine = options.onLogLine;
    let partial = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) if (line) onLogLine(line);
    });
  }
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    await postgres?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { url, pid: child.pid!, database, scriptsSecret, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the BFF did not become ready: ${stderr}`);
}

/** Seed 000's password grant, as a script would call it. */
export async function passwordGrant(bff: BffProcess, username: string, password = "demo"): Promise<string> {
  const response = await fetch(`${bff.url}/oidc/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "password",
      username,
      password,
      client_id: "bws-scripts",
      client_secret: bff.scriptsSecret,
      scope: "managebws",
    }),
  });
  if (!response.ok) throw new Error(`password grant for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Calls the Management API and returns the parsed JSON; throws on any non-2xx answer. */
export async function callApi<T>(bff: BffProcess, token: string, method: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${bff.url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
