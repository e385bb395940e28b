import { decodeJwt } from "jose";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * Every combination of the token parameters, with the expected `task` and `traits` worked
 * out here from the seeds' table (not from the code under test); bad parameters of any
 * shape never cause a 5xx; a rotated key keeps working through its overlap.
 */
const taskBase = { verify: 0x00, identify: 0x10, enroll: 0x20, livenessdetection: 0x80 } as const;

describe("token parameters", () => {
  let server: TestServer;
  let appId: string;
  let appSecret: string;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
  const get = (query: string, id = appId, secret = appSecret) =>
    fetch(`${server.url}/extension/token?id=${encodeURIComponent(id)}&${query}`, { headers: { authorization: basic(id, secret) } });

  beforeAll(async () => {
    server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: "0" });
    ({ appId, appSecret } = await server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", {}));
  });
  afterAll(async () => server?.stop());

  it("issues the right task and traits claims for all 576 combinations", async () => {
    const combinations = [];
    for (const task of Object.keys(taskBase) as (keyof typeof taskBase)[])
      for (const live of [true, false])
        for (const challenge of [true, false])
          for (const autoenroll of [true, false])
            for (const maxtries of [1, 3, 15])
              for (const [traits, traitBits] of [["Face", 1], ["periocular", 2], ["Face,Periocular", 3]] as const)
                for (const withBcid of [true, false]) combinations.push({ task, live, challenge, autoenroll, maxtries, traits, traitBits, withBcid });
    expect(combinations).toHaveLength(576);
    for (const c of combinations) {
      const query = `${c.withBcid ? "bcid=bws.1.99&" : ""}task=${c.task}&livedetection=${c.live}&challenge=${c.challenge}&autoenroll=${c.autoenroll}&maxtries=${c.maxtries}&traits=${c.traits}`;
      const response = await get(query);
      if (!c.withBcid && c.task !== "livenessdetection") {
        expect(response.status, query).toBe(400);
        continue;
      }
      expect(response.status, query).toBe(200);
      const claims = decodeJwt(await response.text());
      const liveDetection = c.live || c.task === "livenessdetection";
      const expected =
        taskBase[c.task] | c.maxtries | (liveDetection ? 0x100 : 0) | (liveDetection && c.challenge ? 0x200 : 0) | (c.task === "verify" && c.autoenroll ? 0x1000 : 0);
      expect(claims["task"], query).toBe(expected);
      expect(claims["traits"], query).toBe(c.traitBits);
      expect(claims["bcid"], query).toBe(c.withBcid ? "bws/1/99" : undefined);
      if (expected & 0x200) {
        const sequences = JSON.parse(claims["challenge"] as string) as string[][];
        expect(sequences.length, query).toBe(c.maxtries);
        expect(sequences.every((s) => s.length === 3)).toBe(true);
      } else {
        expect(claims["challenge"], query).toBeUndefined();
      }
    }
  }, 120_000);

  it("never answers bad parameters with a 5xx", async () => {
    const value = fc.oneof(fc.string(), fc.integer().map(String), fc.constantFrom("", "true", "FALSE", "0", "16", "-1", "1e3", "Face,,", "bws..1", "bws.1.x"));
    const names = fc.constantFrom("bcid", "task", "maxtries", "livedetection", "challenge", "challenges", "autoenroll", "traits", "id", "unknown");
    await fc.assert(
      fc.asyncProperty(fc.dictionary(names, value, { maxKeys: 5 }), async (params) => {
        const query = new URLSearchParams(params).toString();
        const response = await fetch(`${server.url}/extension/token?${query}`, { headers: { authorization: basic(appId, appSecret) } });
        expect(response.status, query).toBeLessThan(500);
        if (response.status >= 400) expect(((await response.json()) as { Message: string }).Message, query).toMatch(/\S/);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("lets the old and the new key work during a rotation's overlap, and only the new one after it", async () => {
    const old = await server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", { label: "rotate me" });
    const rotated = await server.call<{ appId: string; appSecret: string }>("owner", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`, { overlapHours: 1 });
    expect((await get("bcid=bws.1.1", old.appId, old.appSecret)).status).toBe(200);
    expect((await get("bcid=bws.1.1", rotated.appId, rotated.appSecret)).status).toBe(200);
    const again = await server.call<{ appId: string; appSecret: string }>("owner", "POST", `/api/clients/demo-client/keys/${rotated.appId}/rotate`, { overlapHours: 0 });
    const ended = await get("bcid=bws.1.1", rotated.appId, rotated.appSecret);
    expect(ended.status).toBe(401);
    expect(((await ended.json()) as { Message: string }).Message).toMatch(/expired or was revoked/);
    expect((await get("bcid=bws.1.1", again.appId, again.appSecret)).status).toBe(200);
  });
});
