import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

describe("health and portal endpoints", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PORTAL_DIST: "/nonexistent" });
  });
  afterAll(async () => server?.stop());

  it("answers /healthz and /readyz without a token", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });

  it("publishes the portal's sign-in configuration", async () => {
    expect(await (await fetch(`${server.url}/portal-config.json`)).json()).toEqual({
      issuer: `${server.url}/oidc`,
      clientId: "bws-portal",
      scope: "openid profile email managebws",
    });
  });

  it("explains how to build the portal when it is missing, and never serves it for API paths", async () => {
    const page = await fetch(`${server.url}/clients`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("npm run build");
    const api = await fetch(`${server.url}/api/unknown`, { headers: { accept: "text/html" } });
    expect(api.status).toBe(401);
  });
});

describe("embedded start-up on a data directory", () => {
  it("keeps users, data key and scripts secret across a restart and seeds demo data once", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "bws-restart-"));
    const config = parseConfig({ PORT: "0", PUBLIC_URL: "http://127.0.0.1:0", DATA_DIR: dataDir, PORTAL_DIST: "/nonexistent", DEMO_USAGE_DAYS: "0", WORKER_PRELOAD_MODELS: "false" });
    const lines: string[] = [];
    const logger = createLogger("debug", new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    try {
      const first = await startServer(config, logger);
      expect(first.demoSeeded).toBe(true);
      const secret = first.idp!.scriptsClientSecret;
      const users = await first.db.prisma.user.count();
      await first.close();
      const key = await readFile(path.join(dataDir, "data-key"), "utf8");

      const second = await startServer(config, logger);
      expect(second.demoSeeded).toBe(false);
      expect(second.idp!.scriptsClientSecret).toBe(secret);
      expect(await second.db.prisma.user.count()).toBe(users);
      expect(await readFile(path.join(dataDir, "data-key"), "utf8")).toBe(key);
      await second.close();
      expect(lines.join("")).not.toContain(secret);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("face models at start-up", () => {
  it("loads them into every worker in the background after the server is up, and logs it", async () => {
    const server = await startTestServer({ PORTAL_DIST: "/nonexistent", WORKER_PRELOAD_MODELS: "true", WORKER_POOL_SIZE: "1" });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const loaded = () => server.logs.find((line) => line.includes("face models loaded"));
      await expect.poll(loaded, { timeout: 120_000, interval: 200 }).toBeDefined();
      expect(JSON.parse(loaded()!)).toMatchObject({ workers: 1, ms: expect.any(Number) });
      expect(server.logs.join("")).not.toContain("face models not preloaded");
    } finally {
      await server.stop();
    }
  }, 180_000);
});
