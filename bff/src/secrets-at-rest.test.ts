import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startServer, type RunningServer } from "./server.ts";
import { makeTestCertificate } from "./testing/test-certificates.ts";

/**
 * Connection strings, private keys and App-Secrets never appear in clear in the embedded
 * database's files (data files and WAL) or in the log output, and the API returns an
 * App-Secret only once.
 */
async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for await (const file of filesUnder(dir)) {
    if ((await readFile(file)).includes(Buffer.from(needle, "utf8"))) found.push(path.relative(dir, file));
  }
  return found;
}

describe("secrets at rest and in logs", () => {
  const mongoPassword = `Mongo-Pw-${Date.now()}-zz`;
  const connectionString = `mongodb://bws:${mongoPassword}@mongo.internal:27017/bws`;
  const certificate = makeTestCertificate({ commonName: "secret-test", keyName: "secret-test" });
  // A stretch of the private key's base64 body: present in any clear copy of the key.
  const keyFragment = certificate.privateKeyPem.split("\n")[3]!;
  let dataDir: string;
  let server: RunningServer;
  const logs: string[] = [];
  let appSecret = "";
  let responses = "";

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "bws-secrets-"));
    const config = parseConfig({ PORT: "0", PUBLIC_URL: "http://127.0.0.1:0", DATA_DIR: dataDir, DEMO_DATA: "true", DEMO_USAGE_DAYS: "0", PORTAL_DIST: "/nonexistent", WORKER_PRELOAD_MODELS: "false" });
    const logger = createLogger("trace", new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) }));
    server = await startServer(config, logger);
    const login = await fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        username: "admin",
        password: "demo",
        client_id: "bws-scripts",
        client_secret: server.idp!.scriptsClientSecret,
        scope: "managebws",
      }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const call = async (method: string, pathname: string, body?: unknown) => {
      const response = await fetch(`${server.url}${pathname}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      responses += text;
      expect(response.ok, `${method} ${pathname}: ${text}`).toBe(true);
      return text ? JSON.parse(text) : undefined;
    };
    const created = await call("POST", "/api/installations", { name: "secret-inst", storages: ["bws"], connectionString });
    await call("PATCH", `/api/installations/${created.id}`, { connectionString: `${connectionString}?replicaSet=rs0` });
    const uploaded = await call("POST", `/api/installations/${created.id}/certificates`, {
      certificatePem: certificate.certificatePem,
      privateKeyPem: certificate.privateKeyPem,
    });
    await call("POST", "/api/clients", {
      name: "secret-client",
      installationId: created.id,
      storage: "bws",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await call("PUT", `/api/clients/secret-client/certificates/${uploaded.id}`);
    const key = await call("POST", "/api/clients/secret-client/keys", { label: "ci" });
    appSecret = key.appSecret;
    const rotated = await call("POST", `/api/clients/secret-client/keys/${key.appId}/rotate`, { overlapHours: 1 });
    appSecret += `|${rotated.appSecret}`;
    await call("GET", "/api/clients/secret-client/keys");
    await call("GET", "/api/audit?limit=500");
    await call("GET", `/api/installations/${created.id}`);
    await server.close();
  }, 180_000);
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it("keeps the connection string's password out of the database files and the logs", async () => {
    expect(await filesContaining(path.join(dataDir, "pg"), mongoPassword)).toEqual([]);
    expect(logs.join("")).not.toContain(mongoPassword);
  });

  it("keeps the private key out of the database files and the logs", async () => {
    expect(keyFragment.length).toBeGreaterThan(40);
    expect(await filesContaining(path.join(dataDir, "pg"), keyFragment)).toEqual([]);
    expect(logs.join("")).not.toContain(keyFragment);
  });

  it("keeps App-Secrets out of the database files and the logs, and shows each only once", async () => {
    for (const secret of appSecret.split("|")) {
      expect(secret).toMatch(/^[\w-]{43}$/);
      expect(await filesContaining(path.join(dataDir, "pg"), secret)).toEqual([]);
      expect(logs.join("")).not.toContain(secret);
      expect(responses.split(secret).length - 1).toBe(1);
    }
  });

  it("does find a plain value it was given, so the search itself works", async () => {
    expect((await filesContaining(path.join(dataDir, "pg"), "secret-client")).length).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(10);
  });
});
