import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

describe("GET /api/installations", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it.each([
    ["admin", ["demo", "lab"]],
    ["owner", ["demo"]],
    ["viewer", ["demo"]],
  ])("lists for %s only the installations they may read", async (username, names) => {
    const response = await server.api("/api/installations", { token: await server.tokenFor(username) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { name: string; storages: string[]; clientCount: number }[] };
    expect(body.items.map((i) => i.name)).toEqual(names);
    expect(body.items[0]).toMatchObject({ name: "demo", storages: ["bws"], clientCount: 2 });
  });

  it("answers 403 for an installation the caller holds no role on, 404 for an unknown id, 400 for a bad id", async () => {
    const lab = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "lab" } });
    const token = await server.tokenFor("owner");
    expect((await server.api(`/api/installations/${lab.id}`, { token })).status).toBe(403);
    expect((await server.api(`/api/installations/${crypto.randomUUID()}`, { token })).status).toBe(404);
    const bad = await server.api("/api/installations/not-an-id", { token });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { Message: string }).Message).toMatch(/installation id/);
  });

  it("answers 404 with a Message for an unknown API path", async () => {
    const response = await server.api("/api/nothing-here", { token: await server.tokenFor("viewer") });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/No route/);
  });
});
