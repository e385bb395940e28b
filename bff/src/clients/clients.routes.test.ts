import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

interface ClientList {
  items: { name: string; role: string | null; installation: { name: string }; partition: number; expired: boolean }[];
  total: number;
}

describe("GET /api/clients", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  async function list(username: string, query = ""): Promise<ClientList> {
    const response = await server.api(`/api/clients${query}`, { token: await server.tokenFor(username) });
    expect(response.status).toBe(200);
    return (await response.json()) as ClientList;
  }

  it.each([
    ["admin", ["demo-client", "lab-client", "second-client"], "Owner"],
    ["owner", ["demo-client", "second-client"], "Owner"],
    ["editor", ["demo-client", "second-client"], "Edit"],
    ["support", ["demo-client", "second-client"], "Support"],
    ["viewer", ["demo-client", "second-client"], "View"],
  ])("lists for %s exactly the clients they may read", async (username, names, role) => {
    const body = await list(username);
    expect(body.items.map((c) => c.name)).toEqual(names);
    expect(body.total).toBe(names.length);
    expect(new Set(body.items.map((c) => c.role))).toEqual(new Set([role]));
  });

  it("lists nothing once a support grant has expired", async () => {
    const support = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "support" } });
    const grant = await server.db.prisma.permission.findFirstOrThrow({ where: { userId: support.id } });
    await server.db.prisma.permission.update({ where: { id: grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    try {
      // Written behind the server's back, as another instance would: on PostgreSQL the
      // change feed's notice may arrive a few milliseconds after the commit.
      await vi.waitFor(async () => expect((await list("support")).items).toEqual([]), { timeout: 5_000, interval: 20 });
      const response = await server.api("/api/clients/demo-client", { token: await server.tokenFor("support") });
      expect(response.status).toBe(403);
    } finally {
      await server.db.prisma.permission.update({ where: { id: grant.id }, data: { expiresAt: grant.expiresAt } });
    }
  });

  it("lists a client granted directly to a user who has no installation role", async () => {
    const developer = await server.db.prisma.user.create({
      data: { subject: "dev-1", username: "dev1", displayName: "Dev One", passwordHash: await hashSecret("demo") },
    });
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "lab-client" } });
    await server.db.prisma.permission.create({ data: { userId: developer.id, clientId: client.id, role: "EDIT" } });
    const body = await list("dev1");
    expect(body.items.map((c) => [c.name, c.role])).toEqual([["lab-client", "Edit"]]);
    const me = await server.api("/api/me", { token: await server.tokenFor("dev1") });
    expect(await me.json()).toMatchObject({ installations: [], clients: [{ name: "lab-client", role: "Edit", via: "client" }] });
  });

  it("sorts, filters and pages on the server", async () => {
    const desc = await list("admin", "?sort=name&dir=desc");
    expect(desc.items.map((c) => c.name)).toEqual(["second-client", "lab-client", "demo-client"]);
    const filtered = await list("admin", "?q=SECOND");
    expect(filtered.items.map((c) => c.name)).toEqual(["second-client"]);
    const page = await list("admin", "?sort=partition&offset=1&limit=1");
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    const byInstallation = await list("admin", "?sort=installation&dir=desc");
    expect(byInstallation.items[0]!.installation.name).toBe("lab");
  });

  it.each(["?limit=0", "?limit=abc", "?sort=secret", "?dir=up", "?offset=-1", `?q=${"x".repeat(300)}`, "?installationId=nope"])(
    "answers 400 with a Message for the bad query %s",
    async (query) => {
      const response = await server.api(`/api/clients${query}`, { token: await server.tokenFor("owner") });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { Message: string }).Message).toBeTruthy();
    },
  );
});

describe("GET /api/clients/:name", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("returns client info with installation endpoints to a reader", async () => {
    const response = await server.api("/api/clients/demo-client", { token: await server.tokenFor("viewer") });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: "demo-client",
      storage: "bws",
      partition: 1,
      role: "View",
      installation: { name: "demo", endpointUrls: [server.url] },
    });
  });

  it("answers 403 with a Message for a client the caller may not read", async () => {
    const response = await server.api("/api/clients/lab-client", { token: await server.tokenFor("owner") });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/do not have permission to read/);
  });

  it("answers 404 with a Message for an unknown client", async () => {
    const response = await server.api("/api/clients/nope", { token: await server.tokenFor("admin") });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/nope/);
  });
});
