import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../server.ts";
import { testBackend } from "../testing/test-database.ts";
import { startTestServer, untilNotified, type TestServer } from "../testing/test-server.ts";

/**
 * The token API answers from memory, yet a revoked key or an expired client is refused on
 * the next request, on this instance and (PostgreSQL) on every other one as soon as its
 * change notification arrives.
 */
const tokenUrl = (base: string, appId: string) => `${base}/extension/token?id=${encodeURIComponent(appId)}&bcid=bws.1.1`;
const basic = (key: { appId: string; appSecret: string }) => ({ authorization: `Basic ${Buffer.from(`${key.appId}:${key.appSecret}`).toString("base64")}` });

describe("freshness of the token API's cached keys", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: "0" });
  });
  afterAll(async () => server?.stop());

  it("refuses a revoked key on the next request, although it was just used", async () => {
    const key = await server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", { label: "revoke me" });
    expect((await fetch(tokenUrl(server.url, key.appId), { headers: basic(key) })).status).toBe(200);
    expect((await fetch(tokenUrl(server.url, key.appId), { headers: basic(key) })).status).toBe(200);
    await server.call("owner", "DELETE", `/api/clients/demo-client/keys/${encodeURIComponent(key.appId)}`);
    expect((await fetch(tokenUrl(server.url, key.appId), { headers: basic(key) })).status).toBe(401);
  });

  it("refuses a client whose expiry an Editor moved into the past, at once", async () => {
    const key = await server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/second-client/keys", {});
    const url = tokenUrl(server.url, key.appId).replace("bws.1.1", "bws.2.1");
    expect((await fetch(url, { headers: basic(key) })).status).toBe(200);
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "second-client" } });
    await server.call("editor", "PATCH", "/api/clients/second-client", { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    try {
      expect((await fetch(url, { headers: basic(key) })).status).toBe(403);
    } finally {
      await server.db.prisma.client.update({ where: { id: client.id }, data: { expiresAt: client.expiresAt } });
    }
  });

  it("records when a key was last used, written in a batch", async () => {
    const key = await server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", {});
    expect((await fetch(tokenUrl(server.url, key.appId), { headers: basic(key) })).status).toBe(200);
    await server.keyLastUsed.flush();
    const row = await server.db.prisma.webApiKey.findUniqueOrThrow({ where: { appId: key.appId } });
    expect(row.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe.skipIf(testBackend !== "postgres")("freshness across two instances on one PostgreSQL", () => {
  let a: TestServer;
  let b: RunningServer;

  beforeAll(async () => {
    a = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: "0" });
    b = await a.startInstance({ startWorker: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.stop();
  });

  it("refuses at instance B, once notified, a key revoked at instance A", async () => {
    const key = await a.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", {});
    const atB = () => fetch(tokenUrl(`http://127.0.0.1:${b.port}`, key.appId), { headers: basic(key) });
    expect((await atB()).status).toBe(200);
    await a.call("owner", "DELETE", `/api/clients/demo-client/keys/${encodeURIComponent(key.appId)}`);
    await expect.poll(async () => (await atB()).status, untilNotified).toBe(401);
  });

  it("verifies at instance B a token signed at instance A after A rotated the signing key", async () => {
    const key = await a.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", {});
    const atB = () => fetch(tokenUrl(`http://127.0.0.1:${b.port}`, key.appId), { headers: basic(key) });
    expect((await atB()).status).toBe(200);
    const installation = await a.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } });
    await a.db.prisma.installationSigningKey.updateMany({ where: { installationId: installation.id, retiredAt: null }, data: { retiredAt: new Date() } });
    const { token } = await a.call<{ token: string }>("owner", "POST", "/api/clients/demo-client/playground/token");
    const verdict = () => fetch(`http://127.0.0.1:${b.port}/extension/livenessdetection`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ frames: [] }),
    });
    // 400 (no frames) means the token verified at B; 401 would mean B did not know A's new key.
    await expect.poll(async () => (await verdict()).status, untilNotified).toBe(400);
  });
});
