import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import { snapshotDatabase } from "../testing/db-snapshot.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface ClientDetail {
  id: string;
  name: string;
  storage: string;
  partition: number;
  expiresAt: string;
  expired: boolean;
  identification: boolean;
  logging: { logImages: boolean; level: string; retentionDays: number };
  version: number;
}

const day = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function installationId(name: string): Promise<string> {
  return (await server.db.prisma.installation.findUniqueOrThrow({ where: { name } })).id;
}

async function createClient(username: string, body: Record<string, unknown>): Promise<Response> {
  return server.send(username, "POST", "/api/clients", { installationId: await installationId("demo"), storage: "bws", expiresAt: inDays(30), ...body });
}

async function directOwners(clientName: string): Promise<string[]> {
  const rows = await server.db.prisma.permission.findMany({
    where: { client: { name: clientName }, role: "OWNER" },
    select: { user: { select: { username: true } } },
  });
  return rows.map((r) => r.user.username).sort();
}

describe("POST /api/clients", () => {
  it("gives a client created with partition 'next' the smallest free partition", async () => {
    expect((await createClient("owner", { name: "gap-client", partition: 5 })).status).toBe(201);
    const partitions: number[] = [];
    for (const name of ["next-a", "next-b", "next-c"]) {
      const response = await createClient("editor", { name, partition: "next" });
      expect(response.status).toBe(201);
      partitions.push(((await response.json()) as ClientDetail).partition);
    }
    expect(partitions).toEqual([3, 4, 6]);
  });

  it("creates a client with its flags and answers with the client's detail", async () => {
    const response = await createClient("owner", {
      name: "flagged-client",
      identification: true,
      logging: { logImages: true, level: "debug", retentionDays: 7 },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      name: "flagged-client",
      storage: "bws",
      partition: 7,
      expired: false,
      identification: true,
      logging: { logImages: true, level: "debug", retentionDays: 7 },
      version: 1,
      role: "Owner",
    });
  });

  it("answers 409 with a Message naming the client that holds an explicit partition", async () => {
    const before = await snapshotDatabase(server.db.prisma);
    const response = await createClient("owner", { name: "squatter", partition: 1 });
    expect(response.status).toBe(409);
    expect(await messageOf(response)).toBe("Partition 1 of storage 'bws' is already used by client 'demo-client'.");
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it.each(["next", 99])("answers 409 with a Message for a duplicate client name (partition %s)", async (partition) => {
    const response = await createClient("owner", { name: "demo-client", partition });
    expect(response.status).toBe(409);
    expect(await messageOf(response)).toBe("A client named 'demo-client' already exists.");
  });

  it("answers 400 with a Message for a storage the installation does not have", async () => {
    const response = await createClient("owner", { name: "lost-client", storage: "nowhere" });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/no storage named 'nowhere'/);
  });

  it("answers 400 with a Message for an expiry date in the past", async () => {
    const response = await createClient("owner", { name: "old-client", expiresAt: inDays(-1) });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/expiresAt: must be in the future/);
  });

  it.each([
    [{ partition: 0 }, /partition/],
    [{ partition: "first" }, /partition: must be 'next' or a whole number/],
    [{ name: "-bad" }, /name: may contain/],
    [{ logging: { level: "verbose" } }, /logging\.level: must be one of off, error, warning, info, debug/],
  ])("answers 400 with a Message for the invalid body %j", async (body, message) => {
    const response = await createClient("owner", { name: "invalid-client", ...body });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(message);
  });

  it("lets an installation Owner choose the new client's Owner", async () => {
    const viewer = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "viewer" } });
    const response = await createClient("owner", { name: "owned-client", ownerUserId: viewer.id });
    expect(response.status).toBe(201);
    expect(await directOwners("owned-client")).toEqual(["viewer"]);
  });

  it("lets an installation Editor create a client without an Owner, offering no ownership change", async () => {
    const response = await createClient("editor", { name: "unowned-client" });
    expect(response.status).toBe(201);
    const detail = (await response.json()) as { allowed: string[]; canDelete: boolean };
    expect(detail.allowed).toContain("updateClient");
    expect(detail.allowed).not.toContain("manageClientOwnership");
    expect(detail.canDelete).toBe(true);
    expect(await directOwners("unowned-client")).toEqual([]);
  });

  it("answers 403 with a Message when an installation Editor chooses the new client's Owner, and creates nothing", async () => {
    const editor = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "editor" } });
    const before = await snapshotDatabase(server.db.prisma);
    const response = await createClient("editor", { name: "self-owned-client", ownerUserId: editor.id });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/Only Owners of the installation may choose a client's Owner/);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it.each(["support", "viewer"])("answers 403 with a Message when %s creates a client, and creates nothing", async (username) => {
    const before = await snapshotDatabase(server.db.prisma);
    const response = await createClient(username, { name: "forbidden-client" });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/create clients/);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });
});

describe("PATCH and DELETE /api/clients/:name", () => {
  it("changes flags and bumps version by one per change", async () => {
    const before = (await (await server.send("viewer", "GET", "/api/clients/demo-client")).json()) as ClientDetail;
    const response = await server.send("editor", "PATCH", "/api/clients/demo-client", { identification: true, logging: { level: "debug" } });
    expect(response.status).toBe(200);
    const after = (await response.json()) as ClientDetail;
    expect(after).toMatchObject({ identification: true, logging: { ...before.logging, level: "debug" }, version: before.version + 1 });
    const again = await server.send("owner", "PATCH", "/api/clients/demo-client", { logging: { retentionDays: 90 } });
    expect(((await again.json()) as ClientDetail).version).toBe(before.version + 2);
    const read = (await (await server.send("viewer", "GET", "/api/clients/demo-client")).json()) as ClientDetail;
    expect(read).toMatchObject({ identification: true, logging: { level: "debug", retentionDays: 90 }, version: before.version + 2 });
  });

  it("shows expired: true once a client's expiry has passed", async () => {
    const response = await server.send("owner", "PATCH", "/api/clients/next-a", { expiresAt: inDays(-1) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ClientDetail).expired).toBe(true);
    const list = (await (await server.send("viewer", "GET", "/api/clients?q=next-")).json()) as { items: { name: string; expired: boolean }[] };
    expect(list.items.map((c) => [c.name, c.expired])).toEqual([
      ["next-a", true],
      ["next-b", false],
      ["next-c", false],
    ]);
  });

  it.each(["support", "viewer"])("answers 403 with a Message when %s changes client flags", async (username) => {
    const response = await server.send(username, "PATCH", "/api/clients/demo-client", { identification: false });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/change this client's settings/);
  });

  it("deletes a client with 204, after which it is gone and its partition is free again", async () => {
    expect((await server.send("viewer", "DELETE", "/api/clients/next-b")).status).toBe(403);
    const response = await server.send("editor", "DELETE", "/api/clients/next-b");
    expect(response.status).toBe(204);
    expect((await server.send("admin", "GET", "/api/clients/next-b")).status).toBe(404);
    expect((await server.send("admin", "DELETE", "/api/clients/next-b")).status).toBe(404);
    const reuse = await createClient("owner", { name: "reuse-client" });
    expect(((await reuse.json()) as ClientDetail).partition).toBe(4);
  });
});

describe("POST /api/clients/:name/owners", () => {
  let userIds: Record<string, string>;

  beforeAll(async () => {
    const passwordHash = await hashSecret("demo");
    userIds = {};
    for (const username of ["dev-a", "dev-b", "dev-c"]) {
      const user = await server.db.prisma.user.create({ data: { subject: `sub-${username}`, username, displayName: username, passwordHash } });
      userIds[username] = user.id;
    }
  });

  it("adds Owners, each of whom may then manage the client", async () => {
    for (const username of ["dev-a", "dev-b"]) {
      const response = await server.send("owner", "POST", "/api/clients/second-client/owners", { userId: userIds[username], mode: "add" });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ name: "second-client", owner: { id: userIds[username], username }, mode: "add" });
    }
    expect(await directOwners("second-client")).toEqual(["dev-a", "dev-b"]);
    const read = await server.send("dev-a", "GET", "/api/clients/second-client");
    expect(((await read.json()) as { role: string }).role).toBe("Owner");
  });

  it("transfers ownership: the new Owner becomes the only direct Owner", async () => {
    const response = await server.send("owner", "POST", "/api/clients/second-client/owners", { userId: userIds["dev-c"], mode: "transfer" });
    expect(response.status).toBe(200);
    expect(await directOwners("second-client")).toEqual(["dev-c"]);
    expect((await server.send("dev-a", "GET", "/api/clients/second-client")).status).toBe(403);
    expect((await server.send("dev-c", "GET", "/api/clients/second-client")).status).toBe(200);
  });

  it("answers 403 with a Message when a client Owner adds or transfers ownership", async () => {
    for (const mode of ["add", "transfer"]) {
      const response = await server.send("dev-c", "POST", "/api/clients/second-client/owners", { userId: userIds["dev-a"], mode });
      expect(response.status).toBe(403);
      expect(await messageOf(response)).toMatch(/add, transfer or take client ownership/);
    }
    expect(await directOwners("second-client")).toEqual(["dev-c"]);
  });

  it("refuses an installation Editor who makes itself Owner of second-client and then grants Owner (issue #11)", async () => {
    const editor = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "editor" } });
    const viewer = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "viewer" } });
    const before = await snapshotDatabase(server.db.prisma);
    for (const mode of ["add", "transfer"]) {
      const takeOver = await server.send("editor", "POST", "/api/clients/second-client/owners", { userId: editor.id, mode });
      expect(takeOver.status).toBe(403);
      expect(await messageOf(takeOver)).toMatch(/client ownership \(only Owners of the installation may\)/);
    }
    const grant = await server.send("editor", "PUT", `/api/clients/second-client/permissions/${viewer.id}`, { role: "Owner" });
    expect(grant.status).toBe(403);
    expect(await messageOf(grant)).toMatch(/\S/);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("offers the ownership change, in the client's allowed operations, to installation Owners and platform administrators only", async () => {
    for (const [username, offered] of [["owner", true], ["admin", true], ["editor", false], ["dev-c", false]] as const) {
      const detail = (await (await server.send(username, "GET", "/api/clients/second-client")).json()) as { allowed: string[] };
      expect(detail.allowed.includes("manageClientOwnership"), username).toBe(offered);
    }
  });

  it("answers 400 with a Message for an unknown user or mode", async () => {
    const unknown = await server.send("owner", "POST", "/api/clients/second-client/owners", { userId: crypto.randomUUID(), mode: "add" });
    expect(unknown.status).toBe(400);
    expect(await messageOf(unknown)).toMatch(/no user with id/);
    const mode = await server.send("owner", "POST", "/api/clients/second-client/owners", { userId: userIds["dev-a"], mode: "steal" });
    expect(mode.status).toBe(400);
    expect(await messageOf(mode)).toMatch(/mode: must be 'add' or 'transfer'/);
  });
});

describe("concurrent client creation", () => {
  let raceId: string;

  beforeAll(async () => {
    const response = await server.send("admin", "POST", "/api/installations", { name: "race", storages: ["bws"] });
    expect(response.status).toBe(201);
    raceId = ((await response.json()) as { id: string }).id;
  });

  function createOnRace(name: string, partition: number | "next"): Promise<Response> {
    return server.send("admin", "POST", "/api/clients", { name, installationId: raceId, storage: "bws", partition, expiresAt: inDays(30) });
  }

  it("lets exactly one of 8 concurrent creations take the same explicit partition and answers the others 409 with a Message", async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => createOnRace(`race-explicit-${i}`, 7)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((r) => r.status === 201)!;
    const winnerName = ((await winner.json()) as ClientDetail).name;
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(await messageOf(response)).toBe(`Partition 7 of storage 'bws' is already used by client '${winnerName}'.`);
    }
    expect(await server.db.prisma.client.count({ where: { installationId: raceId } })).toBe(1);
  });

  it("gives 8 concurrent 'next' creations 8 distinct partitions, the smallest free ones", async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => createOnRace(`race-next-${i}`, "next")));
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as ClientDetail & { Message?: string } })));
    expect(bodies.filter((b) => b.status !== 201).map((b) => b.body.Message)).toEqual([]);
    const partitions = bodies.map((b) => b.body.partition).sort((a, b) => a - b);
    expect(partitions).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
  });

  it("keeps explicit and 'next' creations racing on one storage consistent: no 5xx, distinct partitions", async () => {
    const requests = [
      ...[10, 11, 12].map((partition) => createOnRace(`race-mixed-explicit-${partition}`, partition)),
      ...Array.from({ length: 5 }, (_, i) => createOnRace(`race-mixed-next-${i}`, "next")),
    ];
    const responses = await Promise.all(requests);
    const explicit = responses.slice(0, 3);
    const next = responses.slice(3);
    for (const response of next) expect(response.status).toBe(201);
    for (const response of explicit) {
      expect([201, 409]).toContain(response.status);
      if (response.status === 409) expect(await messageOf(response)).toMatch(/is already used by client 'race-mixed-next-\d'/);
    }
    const rows = await server.db.prisma.client.findMany({ where: { installationId: raceId }, select: { partition: true } });
    expect(new Set(rows.map((r) => r.partition)).size).toBe(rows.length);
    expect(rows.length).toBe(9 + 5 + explicit.filter((r) => r.status === 201).length);
  });
});
