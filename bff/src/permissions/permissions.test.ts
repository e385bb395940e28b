import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import { snapshotDatabase } from "../testing/db-snapshot.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
}

interface PermissionList {
  items: { user: UserSummary; role: string; expiresAt: string | null; expired: boolean; grantedBy: string | null }[];
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe("permissions on installations and clients", () => {
  let server: TestServer;
  let demoId: string;
  let nora: UserSummary;
  let carl: UserSummary;

  beforeAll(async () => {
    server = await startTestServer();
    const prisma = server.db.prisma;
    demoId = (await prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
    const passwordHash = await hashSecret("demo");
    const select = { id: true, username: true, displayName: true, email: true } as const;
    nora = await prisma.user.create({
      data: { subject: "sub-nora", username: "nora", displayName: "Nora Newcomer", email: "nora@partner.example", passwordHash },
      select,
    });
    carl = await prisma.user.create({
      data: { subject: "sub-carl", username: "carl", displayName: "Carl Client-Owner", email: "carl@tenant.example", passwordHash },
      select,
    });
    const demoClient = await prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    await prisma.permission.create({ data: { userId: carl.id, clientId: demoClient.id, role: "OWNER" } });
  });
  afterAll(async () => server?.stop());



  async function list(username: string, base: string): Promise<PermissionList> {
    const response = await server.send(username, "GET", base);
    expect(response.status).toBe(200);
    return (await response.json()) as PermissionList;
  }

  const installationPermissions = () => `/api/installations/${demoId}/permissions`;

  it("lets an Owner find a user by name through GET /api/users, without the e-mail address", async () => {
    const response = await server.send("owner", "GET", "/api/users?q=newcomer");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [{ id: nora.id, username: "nora", displayName: "Nora Newcomer" }], nextCursor: null });
  });

  it("lets a platform administrator find a user by e-mail", async () => {
    const response = await server.send("admin", "GET", "/api/users?q=PARTNER.example");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [nora], nextCursor: null });
  });

  it("lets an Owner grant Edit to a user found by search, change it to View and revoke it", async () => {
    const found = (await (await server.send("owner", "GET", "/api/users?q=nora")).json()) as { items: UserSummary[] };
    const userId = found.items[0]!.id;
    expect((await server.send("nora", "GET", `/api/installations/${demoId}`)).status).toBe(403);

    const granted = await server.send("owner", "PUT", `${installationPermissions()}/${userId}`, { role: "Edit" });
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ user: { id: nora.id, username: "nora" }, role: "Edit", expiresAt: null });
    const afterGrant = await list("owner", installationPermissions());
    expect(afterGrant.items.find((p) => p.user.id === nora.id)).toMatchObject({ role: "Edit", expiresAt: null, expired: false, grantedBy: "owner" });
    const asNora = await server.send("nora", "PATCH", `/api/installations/${demoId}`, { endpointUrls: ["https://bws-nora.example.com"] });
    expect(asNora.status).toBe(200);

    const changed = await server.send("owner", "PUT", `${installationPermissions()}/${userId}`, { role: "View" });
    expect(changed.status).toBe(200);
    expect(await server.db.prisma.permission.findMany({ where: { userId }, select: { role: true } })).toEqual([{ role: "VIEW" }]);
    expect((await server.send("nora", "PATCH", `/api/installations/${demoId}`, { endpointUrls: [] })).status).toBe(403);

    const revoked = await server.send("owner", "DELETE", `${installationPermissions()}/${userId}`);
    expect(revoked.status).toBe(204);
    expect((await list("owner", installationPermissions())).items.map((p) => p.user.username)).not.toContain("nora");
    expect((await server.send("nora", "GET", `/api/installations/${demoId}`)).status).toBe(403);
    const again = await server.send("owner", "DELETE", `${installationPermissions()}/${userId}`);
    expect(again.status).toBe(404);
    expect(await messageOf(again)).toMatch(/holds no role here/);
  });

  it("lists the demo roles of the installation, Support with its expiry", async () => {
    const body = await list("owner", installationPermissions());
    const byUser = Object.fromEntries(body.items.map((p) => [p.user.username, p]));
    expect(Object.keys(byUser).sort()).toEqual(["editor", "owner", "support", "viewer"]);
    expect(byUser["owner"]!.role).toBe("Owner");
    expect(byUser["support"]).toMatchObject({ role: "Support", expired: false });
    expect(Date.parse(byUser["support"]!.expiresAt!)).toBeGreaterThan(Date.now());
  });

  it("answers 400 with a Message naming expiresAt for a Support grant without an expiry, and grants nothing", async () => {
    const before = await snapshotDatabase(server.db.prisma);
    for (const body of [{ role: "Support" }, { role: "Support", expiresAt: null }]) {
      const response = await server.send("owner", "PUT", `${installationPermissions()}/${nora.id}`, body);
      expect(response.status).toBe(400);
      expect(await messageOf(response)).toMatch(/expiresAt: is required for Support grants/);
    }
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("answers 400 with a Message for a Support grant that expires in the past", async () => {
    const response = await server.send("owner", "PUT", `${installationPermissions()}/${nora.id}`, { role: "Support", expiresAt: inDays(-1) });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/expiresAt: must be in the future/);
  });

  it("grants Support with a future expiry, after which the grant stops counting", async () => {
    const expiresAt = inDays(7);
    const response = await server.send("owner", "PUT", `${installationPermissions()}/${nora.id}`, { role: "Support", expiresAt });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ role: "Support", expiresAt });
    expect((await server.send("nora", "GET", `/api/installations/${demoId}`)).status).toBe(200);
    await server.db.prisma.permission.updateMany({ where: { userId: nora.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // Written behind the server's back: on PostgreSQL the change feed's notice may arrive a few milliseconds after the commit.
    await vi.waitFor(async () => expect((await server.send("nora", "GET", `/api/installations/${demoId}`)).status).toBe(403), { timeout: 5_000, interval: 20 });
    expect((await list("owner", installationPermissions())).items.find((p) => p.user.id === nora.id)?.expired).toBe(true);
    expect((await server.send("owner", "DELETE", `${installationPermissions()}/${nora.id}`)).status).toBe(204);
  });

  it.each([
    [{ role: "Admin" }, /role: must be one of Owner, Edit, Support, View/],
    [{ role: "Edit", expiresAt: "soon" }, /expiresAt: must be a date/],
    [{ role: "Edit", extra: true }, /extra/],
  ])("answers 400 with a Message for the invalid grant %j", async (body, message) => {
    const response = await server.send("owner", "PUT", `${installationPermissions()}/${nora.id}`, body);
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(message);
  });

  it("answers 400 with a Message when granting to an unknown user", async () => {
    const response = await server.send("owner", "PUT", `${installationPermissions()}/${crypto.randomUUID()}`, { role: "View" });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/no user with id/);
  });

  it.each(["editor", "support", "viewer"])("answers 403 with a Message when %s manages installation permissions", async (username) => {
    const before = await snapshotDatabase(server.db.prisma);
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", { role: "Owner" }],
      ["DELETE", undefined],
    ] as const) {
      const path = method === "GET" ? installationPermissions() : `${installationPermissions()}/${nora.id}`;
      const response = await server.send(username, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await messageOf(response)).toMatch(/manage this installation's permissions/);
    }
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("lets an installation Owner manage a client's permissions", async () => {
    const response = await server.send("owner", "PUT", `/api/clients/second-client/permissions/${nora.id}`, { role: "Edit" });
    expect(response.status).toBe(200);
    expect((await list("owner", "/api/clients/second-client/permissions")).items.map((p) => [p.user.username, p.role])).toEqual([["nora", "Edit"]]);
    expect((await server.send("nora", "GET", "/api/clients/second-client")).status).toBe(200);
    expect((await server.send("owner", "DELETE", `/api/clients/second-client/permissions/${nora.id}`)).status).toBe(204);
  });

  it("lets a client Owner manage that client's permissions but not the installation's or a sibling client's", async () => {
    const search = await server.send("carl", "GET", "/api/users?q=nora");
    expect(search.status).toBe(200);

    const granted = await server.send("carl", "PUT", `/api/clients/demo-client/permissions/${nora.id}`, { role: "View" });
    expect(granted.status).toBe(200);
    const clientList = await list("carl", "/api/clients/demo-client/permissions");
    expect(clientList.items.map((p) => [p.user.username, p.role]).sort()).toEqual([
      ["carl", "Owner"],
      ["nora", "View"],
    ]);
    expect((await server.send("nora", "GET", "/api/clients/demo-client")).status).toBe(200);
    expect((await server.send("carl", "DELETE", `/api/clients/demo-client/permissions/${nora.id}`)).status).toBe(204);
    expect((await server.send("nora", "GET", "/api/clients/demo-client")).status).toBe(403);

    const installation = await server.send("carl", "PUT", `${installationPermissions()}/${nora.id}`, { role: "View" });
    expect(installation.status).toBe(403);
    expect(await messageOf(installation)).toMatch(/manage this installation's permissions/);
    const sibling = await server.send("carl", "PUT", `/api/clients/second-client/permissions/${nora.id}`, { role: "View" });
    expect(sibling.status).toBe(403);
    expect(await messageOf(sibling)).toMatch(/manage this client's permissions/);
  });

  it.each(["editor", "viewer"])("answers 403 with a Message when %s (installation role, not Owner) manages a client's permissions", async (username) => {
    const response = await server.send(username, "PUT", `/api/clients/demo-client/permissions/${nora.id}`, { role: "View" });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/manage this client's permissions/);
  });

  it.each(["viewer", "support", "editor"])("answers 403 with a Message when %s, who may grant nothing, searches users", async (username) => {
    const response = await server.send(username, "GET", "/api/users?q=nora");
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/Only platform administrators and Owners can look up users/);
  });

  it("shows e-mail addresses in permission lists to platform administrators only", async () => {
    const emails = (body: PermissionList) => body.items.map((p) => p.user.email);
    expect(emails(await list("admin", "/api/clients/demo-client/permissions"))).toEqual(["carl@tenant.example"]);
    expect(emails(await list("owner", "/api/clients/demo-client/permissions"))).toEqual([undefined]);
    expect(emails(await list("carl", "/api/clients/demo-client/permissions"))).toEqual([undefined]);
  });

  describe("the Owner role of a client is client ownership", () => {
    const demoClientPermissions = "/api/clients/demo-client/permissions";
    const roleOf = async (user: UserSummary) =>
      (await server.db.prisma.permission.findFirst({ where: { userId: user.id, client: { name: "demo-client" } }, select: { role: true } }))?.role;

    it("answers 403 with a Message when a client Owner grants the Owner role, and grants nothing", async () => {
      for (const body of [{ role: "Owner" }, { role: "Owner", expiresAt: inDays(3) }]) {
        const before = await snapshotDatabase(server.db.prisma);
        const response = await server.send("carl", "PUT", `${demoClientPermissions}/${nora.id}`, body);
        expect(response.status).toBe(403);
        expect(await messageOf(response)).toMatch(/client ownership \(only Owners of the installation may\)/);
        expect(await snapshotDatabase(server.db.prisma)).toBe(before);
      }
    });

    it("answers 403 with a Message when a client Owner demotes or removes an Owner, itself included", async () => {
      await server.call("owner", "PUT", `${demoClientPermissions}/${nora.id}`, { role: "Owner" });
      for (const [method, user, body] of [
        ["PUT", nora, { role: "Edit" }],
        ["PUT", nora, { role: "Support", expiresAt: inDays(3) }],
        ["DELETE", nora, undefined],
        ["PUT", carl, { role: "View" }],
        ["DELETE", carl, undefined],
      ] as const) {
        const before = await snapshotDatabase(server.db.prisma);
        const response = await server.send("carl", method, `${demoClientPermissions}/${user.id}`, body);
        expect(response.status, `${method} ${user.username}`).toBe(403);
        expect(await messageOf(response)).toMatch(/client ownership/);
        expect(await snapshotDatabase(server.db.prisma)).toBe(before);
      }
      expect(await roleOf(nora)).toBe("OWNER");
      expect(await roleOf(carl)).toBe("OWNER");
    });

    it("lets an installation Owner demote and revoke a client Owner, and a platform administrator grant it again", async () => {
      expect((await server.send("owner", "PUT", `${demoClientPermissions}/${nora.id}`, { role: "Edit" })).status).toBe(200);
      expect(await roleOf(nora)).toBe("EDIT");
      expect((await server.send("owner", "DELETE", `${demoClientPermissions}/${nora.id}`)).status).toBe(204);
      expect(await roleOf(nora)).toBeUndefined();
      expect((await server.send("admin", "PUT", `${demoClientPermissions}/${nora.id}`, { role: "Owner" })).status).toBe(200);
      expect(await roleOf(nora)).toBe("OWNER");
      expect((await server.send("admin", "DELETE", `${demoClientPermissions}/${nora.id}`)).status).toBe(204);
    });

    it("still lets a client Owner grant, change and revoke Edit, Support and View", async () => {
      for (const body of [{ role: "Edit" }, { role: "Support", expiresAt: inDays(3) }, { role: "View" }]) {
        expect((await server.send("carl", "PUT", `${demoClientPermissions}/${nora.id}`, body)).status, body.role).toBe(200);
      }
      expect(await roleOf(nora)).toBe("VIEW");
      expect((await server.send("carl", "DELETE", `${demoClientPermissions}/${nora.id}`)).status).toBe(204);
    });

    it("lets an installation Owner grant the Owner role on an installation (installation permissions)", async () => {
      expect((await server.send("owner", "PUT", `${installationPermissions()}/${nora.id}`, { role: "Owner" })).status).toBe(200);
      expect((await server.send("owner", "DELETE", `${installationPermissions()}/${nora.id}`)).status).toBe(204);
    });
  });

  it("records grants, changes and revocations in the audit log", async () => {
    const events = await server.db.prisma.auditEvent.findMany({
      where: { action: { startsWith: "permission." }, objectType: "installation", objectId: demoId },
      orderBy: { at: "asc" },
      select: { action: true, actorName: true, after: true },
    });
    expect(events.slice(0, 3)).toEqual([
      { action: "permission.grant", actorName: "owner", after: { username: "nora", role: "Edit", expiresAt: null } },
      { action: "permission.change", actorName: "owner", after: { username: "nora", role: "View", expiresAt: null } },
      { action: "permission.revoke", actorName: "owner", after: null },
    ]);
  });
});
