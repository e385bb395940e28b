import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { parseConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { startServer, type RunningServer, type StartOptions } from "../server.ts";
import { scriptsClientId } from "../idp/provider.ts";
import { openDatabase } from "../db/database.ts";
import { createTestDatabase } from "./test-database.ts";

/**
 * A whole BFF instance on a free port with the embedded IdP, demo data and a fresh
 * database; its log lines are captured so tests can assert what was (not) logged.
 */
export interface TestServer extends RunningServer {
  logs: string[];
  /** Password-grant access token for a demo user (seed 000's script flow). */
  tokenFor(username: string, scope?: string): Promise<string>;
  /** A fresh password grant's answer (access and refresh token), never cached. */
  passwordGrant(username: string, scope?: string): Promise<{ access_token: string; refresh_token?: string }>;
  api(pathname: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** Calls the API as a demo user, with a JSON body when one is given. */
  send(username: string, method: string, pathname: string, body?: unknown): Promise<Response>;
  /** Like send, for calls that must succeed: throws with the answer otherwise; returns the JSON. */
  call<T>(username: string, method: string, pathname: string, body?: unknown): Promise<T>;
  /** Stops this instance and starts a new one on the same database (a BFF restart). */
  restart(): Promise<TestServer>;
  /**
   * Starts another instance on the same database and data key, with the same public URL
   * (as behind a load balancer) and its own port; the caller closes it. On PostgreSQL it
   * has its own connection pool; PGlite runs in this process, so there the two share it.
   */
  startInstance(options?: Omit<StartOptions, "database">): Promise<RunningServer>;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, options: Omit<StartOptions, "database"> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bws-test-"));
  // Worker tasks get five minutes: on a loaded test machine a liveness attempt can take
  // longer than the production default, and only worker-pool.test.ts tests the time limit.
  // Workers load the face models when a test first needs them, not at every start.
  const config = parseConfig({
    PORT: "0",
    PUBLIC_URL: "http://127.0.0.1:0",
    DATA_DIR: dataDir,
    DEMO_DATA: "true",
    DEMO_USAGE_DAYS: "0",
    WORKER_TASK_TIMEOUT_MS: "300000",
    WORKER_PRELOAD_MODELS: "false",
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const db = await createTestDatabase();
  const start = async (port: number): Promise<TestServer> => {
    const portConfig = port ? { ...config, port, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`) } : config;
    const running = await startServer(portConfig, createLogger("debug", sink), { ...options, database: db });
    return wrap(running, logs, {
      startInstance: async (extra = {}) => {
        const url = (db as { url?: string }).url;
        const database = url ? await openDatabase({ kind: "postgres", url, poolSize: 5 }) : db;
        const sibling = await startServer({ ...config, port: 0, publicUrl: running.url, demoData: false }, createLogger("debug", sink), { ...options, ...extra, database });
        return {
          ...sibling,
          close: async () => {
            await sibling.close();
            if (database !== db) await database.close();
          },
        };
      },
      restart: async () => {
        await running.close();
        return start(running.port);
      },
      stop: async () => {
        await running.close();
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    });
  };
  return start(0);
}

function wrap(running: RunningServer, logs: string[], lifecycle: Pick<TestServer, "restart" | "stop" | "startInstance">): TestServer {
  const tokens = new Map<string, string>();

  async function passwordGrant(username: string, scope = "managebws offline_access"): Promise<{ access_token: string; refresh_token?: string }> {
    const response = await fetch(`${running.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        username,
        password: "demo",
        client_id: scriptsClientId,
        client_secret: running.idp!.scriptsClientSecret,
        scope,
      }),
    });
    if (!response.ok) throw new Error(`password grant for ${username} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { access_token: string; refresh_token?: string };
  }

  async function tokenFor(username: string, scope = "managebws offline_access"): Promise<string> {
    const key = `${username} ${scope}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const token = (await passwordGrant(username, scope)).access_token;
    tokens.set(key, token);
    return token;
  }

  const server: TestServer = {
    ...running,
    logs,
    call: () => Promise.reject(new Error("not ready")),
    tokenFor,
    passwordGrant,
    api: (pathname, init = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set("authorization", `Bearer ${init.token}`);
      if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
      return fetch(`${running.url}${pathname}`, { ...init, headers });
    },
    send: async (username, method, pathname, body) => {
      const headers = new Headers({ authorization: `Bearer ${await tokenFor(username)}` });
      if (body !== undefined) headers.set("content-type", "application/json");
      return fetch(`${running.url}${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    },
    ...lifecycle,
  };
  server.call = async (username, method, pathname, body) => {
    const response = await server.send(username, method, pathname, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname} as ${username}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
  return server;
}

/** The Message of an error answer. */
export async function messageOf(response: Response): Promise<string> {
  return ((await response.json()) as { Message: string }).Message;
}

/**
 * How long a test waits for another instance to see a change: far inside the lifetimes of
 * the caches themselves (30 s for introspection answers and principals, 60 s for Web API
 * keys and signing keys), so only the change notification can make such a wait succeed,
 * with room for a busy CI machine.
 */
export const untilNotified = { timeout: 10_000, interval: 20 } as const;
