import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import { snapshotDatabase } from "../testing/db-snapshot.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface KeyView {
  appId: string;
  label: string;
  status: "active" | "expiring" | "expired" | "revoked";
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

type IssuedKey = KeyView & { appSecret: string };

const hour = 3_600_000;

describe("Web API keys of a client", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());



  async function createKey(username = "editor", label = "ci"): Promise<IssuedKey> {
    const response = await server.send(username, "POST", "/api/clients/demo-client/keys", { label });
    expect(response.status).toBe(201);
    return (await response.json()) as IssuedKey;
  }

  async function listKeys(username = "owner"): Promise<{ text: string; items: KeyView[] }> {
    const response = await server.send(username, "GET", "/api/clients/demo-client/keys");
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, items: (JSON.parse(text) as { items: KeyView[] }).items };
  }

  async function keyOf(appId: string): Promise<KeyView> {
    const key = (await listKeys()).items.find((k) => k.appId === appId);
    expect(key, appId).toBeDefined();
    return key!;
  }

  async function secretHashOf(appId: string): Promise<string> {
    const rows = await server.db.prisma.$queryRaw<{ secret_hash: string }[]>`SELECT secret_hash FROM web_api_keys WHERE app_id = ${appId}`;
    expect(rows).toHaveLength(1);
    return rows[0]!.secret_hash;
  }

  it("answers a creation with App-ID and a 256-bit base64url App-Secret, once", async () => {
    const key = await createKey("editor", "build server");
    expect(key).toMatchObject({ label: "build server", status: "active", expiresAt: null, revokedAt: null });
    expect(key.appId).toMatch(/^\d{9}\.\d{4}\.app\.\w+$/);
    expect(key.appSecret).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(Buffer.from(key.appSecret, "base64url").length).toBeGreaterThanOrEqual(32);
    const second = await createKey();
    expect(second.appSecret).not.toBe(key.appSecret);
    expect(second.appId).not.toBe(key.appId);
  });

  it("never lists a secret or its hash", async () => {
    const key = await createKey();
    const hash = await secretHashOf(key.appId);
    const { text, items } = await listKeys();
    expect(items.map((k) => k.appId)).toContain(key.appId);
    expect(text).not.toContain(key.appSecret);
    expect(text).not.toContain(hash);
    expect(text).not.toMatch(/secret|hash/i);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(["appId", "createdAt", "expiresAt", "label", "lastUsedAt", "revokedAt", "status"]);
    }
  });

  it("stores a hash of the secret, never the secret itself", async () => {
    const key = await createKey();
    const hash = await secretHashOf(key.appId);
    expect(hash).not.toBe(key.appSecret);
    expect(hash).not.toContain(key.appSecret);
    expect(hash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    const [{ hits }] = await server.db.prisma.$queryRaw<{ hits: bigint }[]>`
      SELECT count(*) AS hits FROM web_api_keys WHERE app_id || label || secret_hash LIKE ${`%${key.appSecret}%`}`;
    expect(Number(hits)).toBe(0);
  });

  it("revokes a key: status revoked from now on, and 404 for an unknown key", async () => {
    const key = await createKey();
    const response = await server.send("owner", "DELETE", `/api/clients/demo-client/keys/${key.appId}`);
    expect(response.status).toBe(204);
    const revoked = await keyOf(key.appId);
    expect(revoked.status).toBe("revoked");
    expect(Date.parse(revoked.revokedAt!)).toBeLessThanOrEqual(Date.now());
    const unknown = await server.send("owner", "DELETE", "/api/clients/demo-client/keys/000000000.0000.app.none");
    expect(unknown.status).toBe(404);
    expect(await messageOf(unknown)).toMatch(/no Web API key '000000000\.0000\.app\.none'/);
  });

  it("rotates a key: a new App-ID and secret, and the old key keeps working for overlapHours", async () => {
    const old = await createKey("editor", "rotating");
    const before = Date.now();
    const response = await server.send("editor", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`, { overlapHours: 6 });
    const after = Date.now();
    expect(response.status).toBe(201);
    const fresh = (await response.json()) as IssuedKey;
    expect(fresh).toMatchObject({ label: "rotating", status: "active" });
    expect(fresh.appId).not.toBe(old.appId);
    expect(fresh.appSecret).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(fresh.appSecret).not.toBe(old.appSecret);

    const expiring = await keyOf(old.appId);
    expect(expiring.status).toBe("expiring");
    const expiresAt = Date.parse(expiring.expiresAt!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 6 * hour - 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + 6 * hour + 1000);
    expect((await keyOf(fresh.appId)).status).toBe("active");
    const row = await server.db.prisma.webApiKey.findUniqueOrThrow({ where: { appId: fresh.appId } });
    expect(row.replacesId).toBe((await server.db.prisma.webApiKey.findUniqueOrThrow({ where: { appId: old.appId } })).id);
  });

  it("rotates with a 24-hour overlap when overlapHours is not given", async () => {
    const old = await createKey();
    const response = await server.send("editor", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`);
    expect(response.status).toBe(201);
    const expiresAt = Date.parse((await keyOf(old.appId)).expiresAt!);
    expect(Math.abs(expiresAt - (Date.now() + 24 * hour))).toBeLessThan(60_000);
  });

  it("ends the old key at once when overlapHours is 0", async () => {
    const old = await createKey();
    const response = await server.send("owner", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`, { overlapHours: 0 });
    expect(response.status).toBe(201);
    const ended = await keyOf(old.appId);
    expect(ended.status).toBe("expired");
    expect(Date.parse(ended.expiresAt!)).toBeLessThanOrEqual(Date.now());
  });

  it("never lengthens the life of a key that has already ended or is already expiring by rotating it again", async () => {
    const old = await createKey();
    await server.send("owner", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`, { overlapHours: 0 });
    const ended = await keyOf(old.appId);
    const again = await server.send("owner", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`, { overlapHours: 24 });
    expect(again.status).toBe(201);
    expect(await keyOf(old.appId)).toMatchObject({ status: "expired", expiresAt: ended.expiresAt });

    const expiring = await createKey();
    await server.send("owner", "POST", `/api/clients/demo-client/keys/${expiring.appId}/rotate`, { overlapHours: 1 });
    const first = await keyOf(expiring.appId);
    await server.send("owner", "POST", `/api/clients/demo-client/keys/${expiring.appId}/rotate`, { overlapHours: 48 });
    expect(await keyOf(expiring.appId)).toMatchObject({ status: "expiring", expiresAt: first.expiresAt });
  });

  it.each([[-1], [1.5], ["24"], [721], [null]])("answers 400 with a Message for overlapHours %j, and rotates nothing", async (overlapHours) => {
    const old = await createKey();
    const before = await snapshotDatabase(server.db.prisma);
    const response = await server.send("owner", "POST", `/api/clients/demo-client/keys/${old.appId}/rotate`, { overlapHours });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/^overlapHours: /);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("answers 400 with a Message for a label over 100 characters", async () => {
    const response = await server.send("owner", "POST", "/api/clients/demo-client/keys", { label: "x".repeat(101) });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/label: must be at most 100 characters/);
  });

  it.each(["support", "viewer"])("answers 403 with a Message when %s lists, creates, rotates or revokes keys, and changes nothing", async (username) => {
    const key = await createKey();
    const before = await snapshotDatabase(server.db.prisma);
    for (const [method, path] of [
      ["GET", "/api/clients/demo-client/keys"],
      ["POST", "/api/clients/demo-client/keys"],
      ["POST", `/api/clients/demo-client/keys/${key.appId}/rotate`],
      ["DELETE", `/api/clients/demo-client/keys/${key.appId}`],
    ] as const) {
      const response = await server.send(username, method, path, method === "POST" ? {} : undefined);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await messageOf(response)).toMatch(/manage this client's Web API keys/);
    }
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("lets a client Editor (no installation role) manage that client's keys only", async () => {
    const user = await server.db.prisma.user.create({
      data: { subject: "sub-kim", username: "kim", displayName: "Kim", passwordHash: await hashSecret("demo") },
    });
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "second-client" } });
    await server.db.prisma.permission.create({ data: { userId: user.id, clientId: client.id, role: "EDIT" } });
    expect((await server.send("kim", "POST", "/api/clients/second-client/keys", {})).status).toBe(201);
    expect((await server.send("kim", "POST", "/api/clients/demo-client/keys", {})).status).toBe(403);
  });
});
