import { randomBytes } from "node:crypto";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * Abuse limits of the Token Web API: wrong secrets per App-ID and source address, unknown
 * App-IDs per source address, requests per App-ID. Sources are simulated with
 * X-Forwarded-For from loopback (the app trusts it only from there); the limits' clock is
 * moved instead of waiting.
 */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

describe("token API throttling", () => {
  let server: TestServer;
  let now = Date.now();
  const clock = () => now;

  beforeAll(async () => {
    server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: "8" }, { clock });
  });
  afterAll(async () => server?.stop());

  const newKey = () => server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", {});
  const get = (appId: string, secret: string, source?: string, base = server.url) =>
    fetch(`${base}/extension/token?id=${encodeURIComponent(appId)}&bcid=bws.1.1`, {
      headers: { authorization: `Basic ${Buffer.from(`${appId}:${secret}`).toString("base64")}`, ...(source ? { "x-forwarded-for": source } : {}) },
    });
  const retryAfter = (response: Response) => Number(response.headers.get("retry-after"));
  const rowKeys = async () => (await server.db.prisma.limitCounter.findMany({ select: { key: true } })).map((row) => row.key);

  it("refuses a source address after 5 wrong secrets for an App-ID, while the right secret from another address still gets a token", async () => {
    const { appId, appSecret } = await newKey();
    for (let i = 0; i < 5; i++) expect((await get(appId, "wrong", "198.51.100.1")).status).toBe(401);
    const refused = await get(appId, appSecret, "198.51.100.1");
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBe(1);
    expect(await messageOf(refused)).toMatch(/Too many wrong App-Secrets for this App-ID came from your address\. Try again in 1 second\./);
    expect((await get(appId, appSecret, "198.51.100.2")).status).toBe(200);
    expect((await get(appId, appSecret)).status).toBe(200);

    now += 1000;
    expect((await get(appId, appSecret, "198.51.100.1")).status, "after the delay the right secret works and clears the count").toBe(200);
    for (let i = 0; i < 4; i++) expect((await get(appId, "wrong", "198.51.100.1")).status).toBe(401);
  });

  it("slows wrong secrets down, then refuses the address for that App-ID until the window ends, and logs the block once without the secret", async () => {
    const { appId, appSecret } = await newKey();
    const source = "198.51.100.3";
    const waits: number[] = [];
    let failures = 0;
    while (failures < 20) {
      const response = await get(appId, `wrong-${failures}`, source);
      if (response.status === 429) {
        waits.push(retryAfter(response));
        now += retryAfter(response) * 1000;
      } else {
        expect(response.status).toBe(401);
        failures++;
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60, 60]);
    const blocked = await get(appId, appSecret, source);
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(60);
    now += retryAfter(blocked) * 1000;
    expect((await get(appId, appSecret, source)).status).toBe(200);

    const lines = server.logs.filter((line) => line.includes(appId) && line.includes('"limit":"token.wrongSecrets"'));
    expect(lines.filter((line) => line.includes("reached"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("progressive delay started"))).toHaveLength(1);
    expect(lines.join("\n")).toContain(source);
    expect(server.logs.join("\n")).not.toContain(appSecret);
    expect(server.logs.join("\n")).not.toContain("wrong-1");
  });

  it("answers 401 to an App-ID longer than the format allows and writes no row", async () => {
    await server.limitCounters.sync();
    const before = await rowKeys();
    const long = "1".repeat(3000);
    const response = await get(long, "secret", "198.51.100.4");
    expect(response.status).toBe(401);
    expect(await messageOf(response)).toBe("The App-ID or App-Secret is not valid.");
    expect((await get("127050396.9169.app.ä", "secret", "198.51.100.4")).status).toBe(401);
    expect((await get("a b", "secret", "198.51.100.4")).status).toBe(401);
    await server.limitCounters.sync();
    expect(await rowKeys()).toEqual(before);
  });

  it("counts unknown App-IDs in one row per source address and refuses that address after 100 of them", async () => {
    const source = "198.51.100.5";
    const appIds = Array.from({ length: 200 }, () => `${randomBytes(4).readUInt32BE()}.1234.app.guess`);
    const statuses: number[] = [];
    for (const appId of appIds) statuses.push((await get(appId, "secret", source)).status);
    expect(statuses.slice(0, 100).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(100).every((status) => status === 429)).toBe(true);

    const { appId, appSecret } = await newKey();
    const refused = await get(appId, appSecret, source);
    expect(refused.status, "the address is refused for every App-ID").toBe(429);
    expect(await messageOf(refused)).toMatch(/Too many unknown App-IDs came from your address/);
    expect((await get(appId, appSecret, "198.51.100.6")).status).toBe(200);

    await server.limitCounters.sync();
    const keys = await rowKeys();
    expect(keys.filter((key) => key.startsWith("token.unknownAppIds:"))).toEqual([`token.unknownAppIds:${source}`]);
    expect(keys.filter((key) => appIds.some((guess) => key.includes(guess)))).toEqual([]);
  });

  it("limits requests per App-ID and minute as configured", async () => {
    const { appId, appSecret } = await newKey();
    for (let i = 0; i < 8; i++) expect((await get(appId, appSecret)).status).toBe(200);
    const limited = await get(appId, appSecret, "198.51.100.7");
    expect(limited.status).toBe(429);
    expect(retryAfter(limited)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(limited)).toBeLessThanOrEqual(60);
    expect(await messageOf(limited)).toMatch(/limited to 8 token requests per minute/);
    now += 60_000;
    expect((await get(appId, appSecret)).status).toBe(200);
  });

  it.skipIf(!outsideAddress)("counts a client on a non-loopback address by its own address, whatever X-Forwarded-For says", async () => {
    const { appId, appSecret } = await newKey();
    const outside = server.url.replace("127.0.0.1", outsideAddress!);
    for (let i = 0; i < 5; i++) expect((await get(appId, "wrong", `203.0.113.${i}`, outside)).status).toBe(401);
    expect((await get(appId, appSecret, "203.0.113.99", outside)).status).toBe(429);
    expect((await get(appId, appSecret, "203.0.113.0")).status, "the forged address itself is not blocked").toBe(200);
  });

  it("refuses on another instance after one sync of each", async () => {
    const other = await server.startInstance({ clock });
    try {
      const { appId, appSecret } = await newKey();
      const source = "198.51.100.8";
      for (let i = 0; i < 5; i++) expect((await get(appId, "wrong", source)).status).toBe(401);
      await server.limitCounters.sync();
      await other.limitCounters.sync();
      expect((await get(appId, appSecret, source, other.url.replace(/:\d+$/, `:${other.port}`))).status).toBe(429);
      expect((await get(appId, appSecret, "198.51.100.9", `http://127.0.0.1:${other.port}`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
