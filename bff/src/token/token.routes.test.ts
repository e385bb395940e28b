import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, untilNotified, type TestServer } from "../testing/test-server.ts";
import { randomBytes } from "node:crypto";
import { SecretBox } from "../crypto/secret-box.ts";
import { SigningKeys } from "./signing-keys.ts";

/** GET /extension/token exactly as seeds 001/002 describe it. */
describe("BWS Token Web API", () => {
  let server: TestServer;
  let appId: string;
  let appSecret: string;
  let basic: string;
  let installationId: string;
  const dataKey = randomBytes(32).toString("base64url");

  const get = (query: string, authorization = basic, path = "/extension/token") =>
    fetch(`${server.url}${path}?${query}`, { headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: "100000", DATA_KEY: dataKey });
    const token = await server.tokenFor("owner");
    const response = await server.api("/api/clients/demo-client/keys", { method: "POST", token, body: JSON.stringify({ label: "token tests" }) });
    ({ appId, appSecret } = (await response.json()) as { appId: string; appSecret: string });
    basic = `Basic ${Buffer.from(`${appId}:${appSecret}`).toString("base64")}`;
    installationId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => server?.stop());

  const claimCases = [
    { query: "", task: 0x103, traits: 3, challenge: false },
    { query: "task=verify&livedetection=true&challenge=true", task: 771, traits: 3, challenge: true },
    { query: "livedetection=FALSE", task: 0x003, traits: 3, challenge: false },
    { query: "livedetection=false&challenge=true", task: 0x003, traits: 3, challenge: false },
    { query: "task=Identify&maxtries=15", task: 0x10 | 15 | 0x100, traits: 3, challenge: false },
    { query: "task=ENROLL&maxtries=1&traits=face", task: 0x20 | 1 | 0x100, traits: 1, challenge: false },
    { query: "task=verify&autoenroll=true&traits=Periocular", task: 0x1000 | 0x103, traits: 2, challenge: false },
    { query: "task=identify&autoenroll=true", task: 0x113, traits: 3, challenge: false },
    { query: "task=livenessdetection&challenge=true&challenges=7&maxtries=2", task: 0x80 | 2 | 0x100 | 0x200, traits: 3, challenge: true, noBcid: true },
    { query: "task=livenessdetection&livedetection=false", task: 0x80 | 3 | 0x100, traits: 3, challenge: false, noBcid: true },
  ];

  it.each(claimCases)("issues the seed's claims for '$query'", async ({ query, task, traits, challenge, noBcid }) => {
    const response = await get(`id=${encodeURIComponent(appId)}${noBcid ? "" : "&bcid=bws.1.12345"}${query ? `&${query}` : ""}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const token = await response.text();
    expect(decodeProtectedHeader(token)).toEqual({ typ: "JWT", alg: "HS256" });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ clnt: "demo-client", app: appId, iss: "BWS", aud: server.url, traits, task });
    expect(claims["tokenid"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims.exp! - claims.nbf!).toBe(600);
    expect(Math.abs(claims.nbf! - Date.now() / 1000)).toBeLessThan(5);
    if (noBcid) expect(claims["bcid"]).toBeUndefined();
    else expect(claims["bcid"]).toBe("bws/1/12345");
    if (!challenge) {
      expect(claims["challenge"]).toBeUndefined();
      return;
    }
    const sequences = JSON.parse(claims["challenge"] as string) as string[][];
    const maxTries = (task & 0x0f);
    const count = /challenges=(\d)/.exec(query)?.[1] ? Number(/challenges=(\d)/.exec(query)![1]) : 3;
    expect(sequences).toHaveLength(maxTries);
    for (const sequence of sequences) {
      expect(sequence).toHaveLength(count);
      for (const [i, direction] of sequence.entries()) {
        expect(["up", "down", "left", "right"]).toContain(direction);
        if (i > 0) expect(direction).not.toBe(sequence[i - 1]);
      }
      expect(sequence.some((d) => d === "left" || d === "right") && sequence.some((d) => d === "up" || d === "down")).toBe(true);
    }
  });

  it("answers at /token as well, signed with the installation's key and no other", async () => {
    const response = await get(`id=${encodeURIComponent(appId)}&bcid=bws.1.7`, basic, "/token");
    expect(response.status).toBe(200);
    const token = await response.text();
    const [row] = await server.db.prisma.installationSigningKey.findMany({ where: { installationId } });
    const secret = Buffer.from(await new SecretBox(Buffer.from(dataKey, "base64url")).open("installation-token-signing-key", row!.keyEnc), "base64url");
    const { payload } = await jwtVerify(token, secret, { issuer: "BWS", audience: server.url });
    expect(payload["bcid"]).toBe("bws/1/7");
    await expect(jwtVerify(token, randomBytes(32))).rejects.toThrow(/signature/);
    const other = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "lab" } })).id;
    const keys = new SigningKeys(server.db.prisma, new SecretBox(Buffer.from(dataKey, "base64url")));
    await expect(jwtVerify(token, (await keys.current(other)).secret)).rejects.toThrow(/signature/);
  });

  it("keeps verifying tokens of a rotated key while signing new ones with the new key", async () => {
    const keys = new SigningKeys(server.db.prisma, new SecretBox(Buffer.from(dataKey, "base64url")));
    const before = await (await get(`id=${encodeURIComponent(appId)}&bcid=bws.1.8`)).text();
    const oldKey = await keys.current(installationId);
    await keys.rotate(installationId);
    const verifying = await keys.verifying(installationId);
    expect(verifying.map((k) => k.id)).toContain(oldKey.id);
    await expect(jwtVerify(before, oldKey.secret)).resolves.toBeDefined();
    expect((await keys.current(installationId)).id).not.toBe(oldKey.id);
  });

  it.each([
    ["no Authorization header", "", 401],
    ["a Bearer header", "Bearer abc", 401],
    ["an unknown App-ID", `Basic ${Buffer.from("nobody:secret").toString("base64")}`, 401],
  ])("answers %s with %i and a Message", async (_case, authorization, status) => {
    const response = await get(`id=${encodeURIComponent(appId)}&bcid=bws.1.1`, authorization);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/\S/);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it.each([
    ["an invalid BCID", "bcid=not-a-bcid", 400, /invalid BCID/],
    ["a missing BCID for verify", "", 400, /invalid BCID/],
    ["maxtries 0", "bcid=bws.1.1&maxtries=0", 400, /maxtries/],
    ["maxtries 16", "bcid=bws.1.1&maxtries=16", 400, /maxtries/],
    ["challenges 1", "bcid=bws.1.1&challenges=1", 400, /challenges/],
    ["challenges 8", "bcid=bws.1.1&challenges=8", 400, /challenges/],
    ["an unknown task", "bcid=bws.1.1&task=dance", 400, /task/],
    ["an unknown trait", "bcid=bws.1.1&traits=Face,Voice", 400, /traits/],
    ["a non-boolean flag", "bcid=bws.1.1&livedetection=maybe", 400, /livedetection/],
    ["a BCID in another partition", "bcid=bws.2.1", 403, /partition/],
    ["a BCID in another storage", "bcid=other.1.1", 403, /storage/],
  ])("answers %s with %i and a Message", async (_case, query, status, message) => {
    const response = await get(`id=${encodeURIComponent(appId)}${query ? `&${query}` : ""}`);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { Message: string }).Message).toMatch(message);
  });

  it("answers 403 when id is not the authenticated App-ID", async () => {
    const response = await get("id=someone-else&bcid=bws.1.1");
    expect(response.status).toBe(403);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/App-ID/);
  });

  it("answers 403 for an expired client", async () => {
    // Written past the API, as another instance would: the cached key learns of it through
    // the change notification, which on PostgreSQL may arrive a few milliseconds later.
    const query = `id=${encodeURIComponent(appId)}&bcid=bws.1.1`;
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    await server.db.prisma.client.update({ where: { id: client.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    try {
      await expect.poll(async () => (await get(query)).status, untilNotified).toBe(403);
      const response = await get(query);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { Message: string }).Message).toMatch(/expired/);
    } finally {
      await server.db.prisma.client.update({ where: { id: client.id }, data: { expiresAt: client.expiresAt } });
      await expect.poll(async () => (await get(query)).status, untilNotified).toBe(200);
    }
  });

  it("counts every issued token in the client's usage", async () => {
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    await server.usage.flush();
    const before = await server.db.prisma.usageEvent.count({ where: { clientId: client.id, operation: "token", result: "success" } });
    await get(`id=${encodeURIComponent(appId)}&bcid=bws.1.1`);
    await get(`id=${encodeURIComponent(appId)}&bcid=bws.1.2`);
    await server.usage.flush();
    expect(await server.db.prisma.usageEvent.count({ where: { clientId: client.id, operation: "token", result: "success" } })).toBe(before + 2);
  });
});
