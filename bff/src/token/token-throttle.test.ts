import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/** Abuse limits of the Token Web API: wrong secrets and request rate, per App-ID. */
describe("token API throttling", () => {
  let server: TestServer;
  let appId: string;
  let appSecret: string;
  const basic = (secret: string) => `Basic ${Buffer.from(`${appId}:${secret}`).toString("base64")}`;
  const get = (secret: string) =>
    fetch(`${server.url}/extension/token?id=${encodeURIComponent(appId)}&bcid=bws.1.1`, { headers: { authorization: basic(secret) } });

  beforeAll(async () => {
    server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: "8" });
    const token = await server.tokenFor("owner");
    const created = await server.api("/api/clients/demo-client/keys", { method: "POST", token, body: "{}" });
    ({ appId, appSecret } = (await created.json()) as { appId: string; appSecret: string });
  });
  afterAll(async () => server?.stop());

  it("blocks an App-ID with 429 and Retry-After after repeated wrong secrets, even for the right one", async () => {
    for (let i = 0; i < 4; i++) expect((await get("wrong")).status).toBe(401);
    expect((await get("wrong")).status).toBe(401);
    const blocked = await get(appSecret);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await blocked.json()) as { Message: string }).Message).toMatch(/wrong App-Secrets/);
    await server.db.prisma.appAuthFailure.update({ where: { appId }, data: { blockedUntil: new Date(Date.now() - 1) } });
    expect((await get(appSecret)).status).toBe(200);
    expect(await server.db.prisma.appAuthFailure.count({ where: { appId } })).toBe(0);
  });

  it("limits requests per App-ID and minute as configured", async () => {
    const ok = await get(appSecret);
    expect(ok.status).toBe(200);
    const [window] = await server.db.prisma.appRequestWindow.findMany({ where: { appId }, orderBy: { windowStart: "desc" }, take: 1 });
    await server.db.prisma.appRequestWindow.update({
      where: { appId_windowStart: { appId, windowStart: window!.windowStart } },
      data: { count: 8 },
    });
    const limited = await get(appSecret);
    // Unless a new minute began between the two calls, the ninth request is refused.
    if (Math.floor(Date.now() / 60_000) * 60_000 === window!.windowStart.getTime()) {
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(((await limited.json()) as { Message: string }).Message).toMatch(/8 token requests per minute/);
    } else {
      expect(limited.status).toBe(200);
    }
  });
});
