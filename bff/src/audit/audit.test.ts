import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

interface AuditItem {
  id: string;
  at: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  installationId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface AuditPage {
  items: AuditItem[];
  total: number;
}

describe("GET /api/audit", () => {
  let server: TestServer;
  let ids: Record<"demo" | "lab" | "demoClient" | "secondClient" | "labClient", string>;

  beforeAll(async () => {
    server = await startTestServer();
    const { prisma } = server.db;
    const client = (name: string) => prisma.client.findUniqueOrThrow({ where: { name } }).then((c) => c.id);
    const installation = (name: string) => prisma.installation.findUniqueOrThrow({ where: { name } }).then((i) => i.id);
    ids = {
      demo: await installation("demo"),
      lab: await installation("lab"),
      demoClient: await client("demo-client"),
      secondClient: await client("second-client"),
      labClient: await client("lab-client"),
    };
  });
  afterAll(async () => server?.stop());


  async function audit(username: string, query = ""): Promise<AuditPage> {
    const response = await server.send(username, "GET", `/api/audit${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as AuditPage;
  }

  it("records a client update with actor, action and the object before and after", async () => {
    const response = await server.send("editor", "PATCH", "/api/clients/second-client", { identification: true, logging: { level: "debug" } });
    expect(response.status).toBe(200);
    const { items } = await audit("admin", `?objectType=client&objectId=${ids.secondClient}`);
    const event = items[0]!;
    expect(event).toMatchObject({
      actor: "editor",
      action: "client.update",
      objectType: "client",
      objectId: ids.secondClient,
      installationId: ids.demo,
    });
    expect(event.before).toMatchObject({ name: "second-client", identification: false, logging: { level: "info" } });
    expect(event.after).toMatchObject({ name: "second-client", identification: true, logging: { level: "debug" } });
    const changed = Object.keys(event.after!).filter((key) => JSON.stringify(event.after![key]) !== JSON.stringify(event.before![key]));
    expect(changed.sort()).toEqual(["identification", "logging"]);
    expect(Date.now() - Date.parse(event.at)).toBeLessThan(60_000);
  });

  it("records a key creation with the App-Secret redacted; the raw secret never enters the audit table", async () => {
    const response = await server.send("owner", "POST", "/api/clients/demo-client/keys", { label: "audited" });
    expect(response.status).toBe(201);
    const { appId, appSecret } = (await response.json()) as { appId: string; appSecret: string };
    const rotated = await server.send("owner", "POST", `/api/clients/demo-client/keys/${appId}/rotate`, { overlapHours: 1 });
    const rotatedSecret = ((await rotated.json()) as { appSecret: string }).appSecret;

    const { items } = await audit("admin", `?objectId=${ids.demoClient}`);
    const created = items.find((e) => e.action === "client.key.create")!;
    expect(created).toMatchObject({ actor: "owner", after: { appId, label: "audited", appSecret: "[redacted]" } });
    const rotation = items.find((e) => e.action === "client.key.rotate")!;
    expect(rotation.after).toMatchObject({ appSecret: "[redacted]" });
    expect(rotation.before).toMatchObject({ appId });

    for (const secret of [appSecret, rotatedSecret]) {
      const [{ hits }] = await server.db.prisma.$queryRaw<{ hits: bigint }[]>`
        SELECT count(*) AS hits FROM audit_events
        WHERE coalesce("before"::text, '') || coalesce("after"::text, '') || action || actor_name LIKE ${`%${secret}%`}`;
      expect(Number(hits)).toBe(0);
    }
  });

  it("records a connection string change without the connection string", async () => {
    const response = await server.send("owner", "PATCH", `/api/installations/${ids.demo}`, { connectionString: "mongodb://bws:hunter2@db.example.com/bws" });
    expect(response.status).toBe(200);
    const { items } = await audit("owner", `?objectType=installation&objectId=${ids.demo}`);
    expect(items[0]).toMatchObject({ action: "installation.update", actor: "owner", after: { connectionString: "[redacted]" } });
    const [{ hits }] = await server.db.prisma.$queryRaw<{ hits: bigint }[]>`
      SELECT count(*) AS hits FROM audit_events WHERE coalesce("before"::text, '') || coalesce("after"::text, '') LIKE '%hunter2%'`;
    expect(Number(hits)).toBe(0);
  });

  it("shows an installation Owner the events of the installation and its clients, and none of other installations", async () => {
    const lab = await server.send("admin", "PATCH", "/api/clients/lab-client", { identification: true });
    expect(lab.status).toBe(200);
    const adminView = await audit("admin");
    expect(adminView.items.some((e) => e.objectId === ids.labClient)).toBe(true);

    const ownerView = await audit("owner");
    const objects = new Set(ownerView.items.map((e) => e.objectId));
    expect(objects).toEqual(new Set([ids.demo, ids.demoClient, ids.secondClient]));
    expect(ownerView.items.every((e) => e.installationId === ids.demo)).toBe(true);
    expect(ownerView.total).toBe(ownerView.items.length);
    expect(ownerView.total).toBeLessThan(adminView.total);
  });

  it("shows a client Owner that client's events only", async () => {
    const carl = await server.db.prisma.user.create({
      data: { subject: "sub-carl", username: "carl", displayName: "Carl", passwordHash: await hashSecret("demo") },
    });
    await server.db.prisma.permission.create({ data: { userId: carl.id, clientId: ids.secondClient, role: "OWNER" } });
    const page = await audit("carl");
    expect(page.items.map((e) => e.action)).toContain("client.update");
    expect(page.items.every((e) => e.objectType === "client" && e.objectId === ids.secondClient)).toBe(true);
    expect(page.total).toBe(await server.db.prisma.auditEvent.count({ where: { objectType: "client", objectId: ids.secondClient } }));
  });

  it.each(["editor", "support", "viewer"])("shows %s (no Owner role) no events at all", async (username) => {
    const page = await audit(username);
    expect(page).toEqual({ items: [], total: 0 });
  });

  it("lets an administrator filter by object and by a from/to time range", async () => {
    const from = new Date();
    const response = await server.send("admin", "PATCH", "/api/clients/demo-client", { logging: { retentionDays: 45 } });
    expect(response.status).toBe(200);
    const to = new Date();

    const inRange = await audit("admin", `?objectId=${ids.demoClient}&from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(inRange.items.map((e) => [e.action, e.actor])).toEqual([["client.update", "admin"]]);
    expect(inRange.total).toBe(1);
    expect(inRange.items[0]!.after).toMatchObject({ logging: { retentionDays: 45 } });

    const otherObject = await audit("admin", `?objectId=${ids.secondClient}&from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(otherObject.items).toEqual([]);
    const afterwards = await audit("admin", `?objectId=${ids.demoClient}&from=${to.toISOString()}`);
    expect(afterwards.items).toEqual([]);
    const earlier = await audit("admin", `?objectId=${ids.demoClient}&to=${from.toISOString()}`);
    expect(earlier.items.length).toBeGreaterThan(0);
    expect(earlier.items.every((e) => Date.parse(e.at) < from.getTime())).toBe(true);
  });

  it("filters by installation and object type, newest first, with paging", async () => {
    const all = await audit("admin", `?installationId=${ids.demo}&objectType=client`);
    expect(all.items.length).toBeGreaterThan(2);
    expect(all.items.every((e) => e.installationId === ids.demo && e.objectType === "client")).toBe(true);
    const times = all.items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const page = await audit("admin", `?installationId=${ids.demo}&objectType=client&offset=1&limit=1`);
    expect(page.items.map((e) => e.id)).toEqual([all.items[1]!.id]);
    expect(page.total).toBe(all.total);
  });

  it.each(["?from=yesterday", "?objectId=nope", "?objectType=key", "?limit=0"])("answers 400 with a Message for the bad query %s", async (query) => {
    const response = await server.send("admin", "GET", `/api/audit${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Message: string }).Message).toBeTruthy();
  });

  it("names each event's object, also after the object was deleted", async () => {
    const created = await server.call<{ id: string }>("admin", "POST", "/api/installations", { name: "short-lived-inst" });
    await server.call("admin", "DELETE", `/api/installations/${created.id}`);
    const events = await server.call<{ items: { action: string; objectName: string | null }[] }>("admin", "GET", `/api/audit?objectId=${created.id}`);
    expect(events.items.map((e) => [e.action, e.objectName])).toEqual([
      ["installation.delete", "short-lived-inst"],
      ["installation.create", "short-lived-inst"],
    ]);
    const demo = await server.call<{ items: { objectType: string; objectName: string | null }[] }>("admin", "GET", "/api/audit?objectType=installation&limit=5");
    for (const event of demo.items) expect(event.objectName).not.toBeNull();
  });
});
