import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { BSON, type Document, MongoClient } from "mongodb";

/**
 * A MongoDB for tests.
 *
 * Without `MONGODB_TEST_URL`: spawns `mongo-wire-server.py` (mockupdb + mongomock, run by
 * Debian's /usr/bin/python3 which has python3-mockupdb and python3-mongomock), a
 * standalone "MongoDB 7.0" on 127.0.0.1 speaking the real wire protocol, so the official
 * driver is tested unchanged. `stop()` ends the process (SIGTERM; with `dataFile` the data
 * is saved there), `restart()` starts it again on the same port with the same data file.
 *
 * With `MONGODB_TEST_URL` (a real MongoDB): every call gets its own database
 * `bws_test_<random>`; `stop()` drops it — after exporting it to `dataFile` when one is
 * given, which `restart()` imports again, so "stop the installation and start it with its
 * data" behaves the same on both backends.
 */
export interface MongoTestServer {
  /** Connection string including the database name (use `client.db()`). */
  readonly url: string;
  readonly port: number;
  readonly databaseName: string;
  /** True when running against `MONGODB_TEST_URL` instead of the spawned test server. */
  readonly external: boolean;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export interface MongoTestServerOptions {
  /** Keeps the data across stop()/restart() (canonical extended JSON). */
  dataFile?: string;
  /** Fixed port for the spawned server; default a free port. Ignored with MONGODB_TEST_URL. */
  port?: number;
}

const PYTHON = process.env.MONGO_WIRE_SERVER_PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.join(import.meta.dirname, "mongo-wire-server.py");
const STARTUP_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const DATABASE_NAME = "bws_test";

export async function startMongoTestServer(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const externalUrl = process.env.MONGODB_TEST_URL;
  return externalUrl ? startExternal(externalUrl, options) : startSpawned(options);
}

// ---------------------------------------------------------------- spawned test server

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort for servers a test forgot to stop. (If this process is killed outright,
  // the server notices its stdin closing and exits by itself.)
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

async function startSpawned(options: MongoTestServerOptions): Promise<MongoTestServer> {
  installExitHook();
  const dataFile = options.dataFile ? path.resolve(options.dataFile) : undefined;
  if (dataFile) await mkdir(path.dirname(dataFile), { recursive: true });
  let { child, port } = await spawnWireServer(options.port ?? 0, dataFile);
  let current: ChildProcess | undefined = child;

  const stop = async (): Promise<void> => {
    const stopping = current;
    current = undefined;
    if (stopping) await stopProcess(stopping);
  };
  const restart = async (): Promise<void> => {
    await stop();
    // The old socket is closed once the process has exited; retry briefly in case the
    // port is still being released.
    for (let attempt = 1; ; attempt++) {
      try {
        ({ child, port } = await spawnWireServer(port, dataFile));
        current = child;
        return;
      } catch (error) {
        if (attempt >= 20 || !/EADDRINUSE|Address already in use/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  return {
    url: `mongodb://127.0.0.1:${port}/${DATABASE_NAME}?directConnection=true`,
    port,
    databaseName: DATABASE_NAME,
    external: false,
    stop,
    restart,
  };
}

async function spawnWireServer(port: number, dataFile: string | undefined): Promise<{ child: ChildProcess; port: number }> {
  const args = [SCRIPT, "--port", String(port), "--exit-when-stdin-closes"];
  if (dataFile) args.push("--data", dataFile);
  if (process.env.MONGO_WIRE_SERVER_VERBOSE) args.push("--verbose");
  const child = spawn(PYTHON, args, { stdio: ["pipe", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));

  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
    if (process.env.MONGO_WIRE_SERVER_VERBOSE) process.stderr.write(chunk);
  });
  const boundPort = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const fail = (message: string) => {
      cleanup();
      child.kill("SIGKILL");
      reject(new Error(`${message} (${PYTHON} ${args.join(" ")})\n${stderr}`));
    };
    const onData = (chunk: string) => {
      stdout += chunk;
      const match = /^LISTENING (\d+)$/m.exec(stdout);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`mongo-wire-server exited (${code ?? signal}) before it was listening`);
    const onError = (error: Error) => fail(`cannot start mongo-wire-server: ${error.message}`);
    const timer = setTimeout(() => fail(`mongo-wire-server did not listen within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
    };
    child.stdout!.setEncoding("utf8").on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
  child.stdout!.resume(); // keep draining
  // Neither the process nor its pipes keep the test runner alive; the exit hook kills it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  return { child, port: boundPort };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- MONGODB_TEST_URL

async function startExternal(baseUrl: string, options: MongoTestServerOptions): Promise<MongoTestServer> {
  const databaseName = `bws_test_${randomBytes(6).toString("hex")}`;
  const url = withDatabase(baseUrl, databaseName);
  const dataFile = options.dataFile ? path.resolve(options.dataFile) : undefined;
  const withClient = async <T>(work: (client: MongoClient) => Promise<T>): Promise<T> => {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      return await work(client);
    } finally {
      await client.close();
    }
  };
  let stopped = false;
  const restore = async () => {
    if (dataFile && existsSync(dataFile)) await withClient((client) => importDatabase(client, databaseName, dataFile));
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await withClient(async (client) => {
      if (dataFile) await exportDatabase(client, databaseName, dataFile);
      await client.db(databaseName).dropDatabase();
    });
  };
  const restart = async (): Promise<void> => {
    await stop();
    stopped = false;
    await restore();
  };
  await restore();
  return { url, port: firstHostPort(baseUrl), databaseName, external: true, stop, restart };
}

/** Puts `databaseName` into a connection string, keeping the credentials' auth database. */
export function withDatabase(url: string, databaseName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!match) throw new Error(`MONGODB_TEST_URL is not a MongoDB connection string: ${url}`);
  const [, scheme, authority, originalDb = "", query = ""] = match;
  const params = query ? query.split("&").filter(Boolean) : [];
  if (authority.includes("@") && !params.some((p) => p.toLowerCase().startsWith("authsource="))) {
    params.push(`authSource=${originalDb || "admin"}`);
  }
  return `${scheme}${authority}/${databaseName}${params.length ? `?${params.join("&")}` : ""}`;
}

function firstHostPort(url: string): number {
  const hosts = url.replace(/^mongodb(?:\+srv)?:\/\//, "").split(/[/?]/)[0].split("@").pop() ?? "";
  const first = hosts.split(",")[0];
  const port = first.startsWith("[") ? first.split("]:")[1] : first.split(":")[1];
  return port ? Number(port) : 27017;
}

/** Same layout as mongo-wire-server.py's --data file. */
interface DataFile {
  databases: Record<string, Record<string, { indexes: Document[]; documents: Document[] }>>;
}

async function exportDatabase(client: MongoClient, databaseName: string, dataFile: string): Promise<void> {
  const db = client.db(databaseName);
  const collections: DataFile["databases"][string] = {};
  for (const info of await db.listCollections({ type: "collection" }, { nameOnly: true }).toArray()) {
    const collection = db.collection(info.name);
    collections[info.name] = {
      indexes: await collection.listIndexes().toArray(),
      documents: await collection.find().toArray(),
    };
  }
  const data: DataFile = { databases: { [databaseName]: collections } };
  await mkdir(path.dirname(dataFile), { recursive: true });
  const temporary = `${dataFile}.${process.pid}.tmp`;
  await writeFile(temporary, BSON.EJSON.stringify(data, { relaxed: false }));
  await rename(temporary, dataFile);
}

async function importDatabase(client: MongoClient, databaseName: string, dataFile: string): Promise<void> {
  const text = await readFile(dataFile, "utf8");
  if (!text.trim()) return;
  const data = BSON.EJSON.parse(text, { relaxed: false }) as DataFile;
  // The file holds one database (whatever it was called when saved).
  const saved = data.databases[databaseName] ?? Object.values(data.databases)[0] ?? {};
  const db = client.db(databaseName);
  for (const [name, { indexes, documents }] of Object.entries(saved)) {
    const collection = await db.createCollection(name);
    const specs = indexes
      .filter((index) => index.name !== "_id_")
      .map(({ v: _v, ns: _ns, ...index }) => index as { key: Document; name: string });
    if (specs.length) await collection.createIndexes(specs);
    if (documents.length) await collection.insertMany(documents);
  }
}
