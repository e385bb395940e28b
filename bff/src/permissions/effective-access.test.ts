import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface AccessList {
  items: { user: { username: string }; role: string; source: string; expiresAt: string | null; installation: { id: string; name: string } | null }[];
}

describe("effective access to installations and clients", () => {
  let server: TestServer;
  let demoId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const prisma = server.db.prisma;
    demoId = (await prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
    const demoClient = await prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    const carl = await prisma.user.create({ data: { subject: "sub-carl", username: "carl", displayName: "Carl" } });
    const gone = await prisma.user.create({ data: { subject: "sub-gone", username: "gone", displayName: "Gone" } });
    await prisma.permission.create({ data: { userId: carl.id, clientId: demoClient.id, role: "EDIT" } });
    await prisma.permission.create({
      data: { userId: gone.id, clientId: demoClient.id, role: "SUPPORT", expiresAt: new Date(Date.now() - 86_400_000) },
    });
  });
  afterAll(async () => server?.stop());

  async function list(username: string, path: string): Promise<AccessList> {
    const response = await server.send(username, "GET", path);
    expect(response.status).toBe(200);
    return (await response.json()) as AccessList;
  }

  it("lists a client's own grants, the four roles inherited from its installation and the platform administrators", async () => {
    const { items } = await list("owner", "/api/clients/demo-client/access");
    const rows = items.map((i) => [i.user.username, i.role, i.source, i.installation?.name ?? null]);
    expect(rows).toEqual([
      ["carl", "Edit", "direct", null],
      ["owner", "Owner", "installation", "demo"],
      ["editor", "Edit", "installation", "demo"],
      ["support", "Support", "installation", "demo"],
      ["viewer", "View", "installation", "demo"],
      ["admin", "Owner", "platformAdmin", null],
    ]);
    expect(items.find((i) => i.user.username === "owner")?.installation?.id).toBe(demoId);
    expect(items.find((i) => i.user.username === "support")?.expiresAt).not.toBeNull();
  });

  it("leaves expired grants out: they give no access", async () => {
    const { items } = await list("admin", "/api/clients/demo-client/access");
    expect(items.map((i) => i.user.username)).not.toContain("gone");
  });

  it("lists an installation's grants as direct and the platform administrators", async () => {
    const { items } = await list("owner", `/api/installations/${demoId}/access`);
    expect(items.map((i) => [i.user.username, i.source])).toEqual([
      ["owner", "direct"],
      ["editor", "direct"],
      ["support", "direct"],
      ["viewer", "direct"],
      ["admin", "platformAdmin"],
    ]);
  });

  it("answers 403 with Message when an Editor asks who can reach a client", async () => {
    const response = await server.send("editor", "GET", "/api/clients/demo-client/access");
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/\w/);
  });

  it("answers 404 with Message for an unknown client", async () => {
    const response = await server.send("admin", "GET", "/api/clients/no-such-client/access");
    expect(response.status).toBe(404);
    expect(await messageOf(response)).toContain("no-such-client");
  });
});
