import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface UserPage {
  items: { id: string; username: string; displayName: string; email?: string | null }[];
  nextCursor: string | null;
}

/**
 * The user directory on a need-to-know basis (issue #11 item 3): only those who may grant
 * something search it, with queries of 2 characters or more, in pages, and only platform
 * administrators see e-mail addresses or find other administrators.
 */
describe("GET /api/users", () => {
  let server: TestServer;
  let scriptsToken: string;

  async function search(username: string, query: string): Promise<UserPage> {
    const response = await server.send(username, "GET", `/api/users?${query}`);
    expect(response.status, `${username} ${query}`).toBe(200);
    return (await response.json()) as UserPage;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const { prisma } = server.db;
    const passwordHash = await hashSecret("demo");
    const client = await prisma.client.findUniqueOrThrow({ where: { name: "second-client" } });
    const demoClient = await prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    for (const [username, role, expiresAt] of [
      ["tenant-owner", "OWNER", null],
      ["tenant-editor", "EDIT", null],
      ["lapsed-owner", "OWNER", new Date(Date.now() - 60_000)],
    ] as const) {
      const user = await prisma.user.create({
        data: { subject: `sub-${username}`, username, displayName: username, email: `${username}@tenant.example`, passwordHash },
      });
      await prisma.permission.create({ data: { userId: user.id, clientId: demoClient.id, role, expiresAt } });
    }
    for (let i = 1; i <= 25; i++) {
      const n = String(i).padStart(2, "0");
      await prisma.user.create({ data: { subject: `sub-pager-${n}`, username: `pager-${n}`, displayName: `Pat Pager ${n}`, email: `pager-${n}@example.com` } });
    }
    await prisma.user.create({ data: { subject: "sub-root2", username: "root2", displayName: "Second Admin", isPlatformAdmin: true } });

    // Issue #11's reproduction: a technical account (client-credentials grant) that owns one client.
    const token = await fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "bws-scripts", client_secret: server.idp!.scriptsClientSecret, scope: "managebws" }),
    });
    scriptsToken = ((await token.json()) as { access_token: string }).access_token;
    expect((await server.api("/api/me", { token: scriptsToken })).status).toBe(200);
    const technical = await prisma.user.findUniqueOrThrow({ where: { subject: "client:bws-scripts" } });
    await prisma.permission.create({ data: { userId: technical.id, clientId: client.id, role: "OWNER" } });
  });
  afterAll(async () => server?.stop());

  it.each(["", "q=", "q=a", "q=%20a%20"])("answers 400 with a Message to the technical client Owner for the query '%s'", async (query) => {
    const response = await server.api(`/api/users?${query}`, { token: scriptsToken });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/q: (is required|must be at least 2 characters)/);
  });

  it("shows the technical client Owner usernames and display names, no e-mail addresses and no platform administrators", async () => {
    const response = await server.api("/api/users?q=it&limit=50", { token: scriptsToken });
    expect(response.status).toBe(200);
    const page = (await response.json()) as UserPage;
    expect(page.items.map((u) => u.username)).toEqual(expect.arrayContaining(["editor", "tenant-editor"]));
    for (const user of page.items) expect(Object.keys(user).sort()).toEqual(["displayName", "id", "username"]);
    const admins = await server.api("/api/users?q=ad", { token: scriptsToken });
    expect(((await admins.json()) as UserPage).items.map((u) => u.username)).not.toContain("admin");
    const rootByName = await server.api("/api/users?q=Second%20Admin", { token: scriptsToken });
    expect(((await rootByName.json()) as UserPage).items).toEqual([]);
  });

  it("does not let a client Owner search by e-mail address", async () => {
    expect((await search("tenant-owner", "q=tenant.example")).items).toEqual([]);
    expect((await search("tenant-owner", "q=demo.local")).items).toEqual([]);
    expect((await search("tenant-owner", "q=tenant")).items.map((u) => u.username)).toEqual(["tenant-editor", "tenant-owner"]);
  });

  it("shows an installation Owner no e-mail addresses and no platform administrators", async () => {
    const page = await search("owner", "q=er&limit=50");
    expect(page.items.map((u) => u.username)).toEqual(expect.arrayContaining(["owner", "viewer", "tenant-owner"]));
    expect(page.items.some((u) => "email" in u)).toBe(false);
    expect((await search("owner", "q=admin")).items).toEqual([]);
  });

  it("shows platform administrators e-mail addresses and other administrators, and matches e-mail", async () => {
    const page = await search("admin", "q=admin");
    expect(page.items).toEqual([
      { id: expect.any(String), username: "admin", displayName: "Ada Admin", email: "admin@demo.local" },
      { id: expect.any(String), username: "root2", displayName: "Second Admin", email: null },
    ]);
    expect((await search("admin", "q=tenant.example")).items.map((u) => u.email)).toEqual([
      "lapsed-owner@tenant.example",
      "tenant-editor@tenant.example",
      "tenant-owner@tenant.example",
    ]);
  });

  it.each(["editor", "support", "viewer", "tenant-editor", "lapsed-owner"])("answers 403 with a Message when %s, who may grant nothing, searches", async (username) => {
    const response = await server.send(username, "GET", "/api/users?q=pager");
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/Only platform administrators and Owners can look up users/);
  });

  it("pages by cursor in username order until nextCursor is null", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: UserPage = await search("owner", `q=pager&limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((u) => u.username));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `pager-${String(i + 1).padStart(2, "0")}`));
  });

  it("answers a full last page with nextCursor null", async () => {
    const first = await search("owner", "q=pager&limit=25");
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).toBeNull();
  });

  it.each([
    ["cursor=not%20a%20cursor", /cursor: must be the nextCursor of a previous page/],
    ["cursor=AA", /cursor: must be the nextCursor of a previous page/],
    ["limit=0", /limit/],
    ["limit=51", /limit/],
    [`q=${"x".repeat(101)}`, /q: must be at most 100 characters/],
    ["q=pa&q=ger", /q: must be given once/],
  ])("answers 400 with a Message for %s", async (query, message) => {
    const response = await server.send("owner", "GET", `/api/users?${query.startsWith("q=") ? "" : "q=pager&"}${query}`);
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(message);
  });
});
