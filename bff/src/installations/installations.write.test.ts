import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "../testing/db-snapshot.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface InstallationView {
  id: string;
  name: string;
  endpointUrls: string[];
  storages: string[];
  storageDetails: { name: string; clientCount: number }[];
  clientCount: number;
  connectionString: { configured: boolean; masked: string | null };
  role: string | null;
}

// The password holds "!", which base64url never does: it can only appear in a stored value that is not encrypted.
const connectionString = "mongodb://user:pw!42@host/db";
const masked = "mongodb://user:****@host/db";

describe("installation writes", () => {
  let server: TestServer;
  let demoId: string;

  beforeAll(async () => {
    server = await startTestServer();
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => server?.stop());



  async function installation(username: string, id: string): Promise<InstallationView> {
    const response = await server.send(username, "GET", `/api/installations/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as InstallationView;
  }

  it("lets a platform administrator create an installation with storages in the given order and a masked connection string", async () => {
    const response = await server.send("admin", "POST", "/api/installations", {
      name: "north",
      endpointUrls: ["https://bws-north.example.com"],
      storages: ["bws", "archive"],
      connectionString,
    });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain("pw!42");
    expect(JSON.parse(text)).toMatchObject({
      name: "north",
      endpointUrls: ["https://bws-north.example.com"],
      storages: ["bws", "archive"],
      clientCount: 0,
      connectionString: { configured: true, masked },
      role: "Owner",
    });
    const row = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "north" } });
    expect(row.connectionStringEnc).toBeTruthy();
    expect(row.connectionStringEnc).not.toContain("pw!42");
    expect(row.connectionStringEnc).not.toContain("mongodb");
  });

  it("answers 409 with a Message when the installation name is taken", async () => {
    const before = await snapshotDatabase(server.db.prisma);
    const response = await server.send("admin", "POST", "/api/installations", { name: "demo" });
    expect(response.status).toBe(409);
    expect(await messageOf(response)).toMatch(/installation named 'demo' already exists/);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("answers 403 with a Message when an installation Owner creates an installation", async () => {
    const response = await server.send("owner", "POST", "/api/installations", { name: "mine" });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/platform administrators/);
  });

  it("lets an Owner change endpoints and the connection string, and shows the string masked in GET to Owner and Viewer", async () => {
    const response = await server.send("owner", "PATCH", `/api/installations/${demoId}`, {
      endpointUrls: ["https://bws-a.example.com", "https://bws-b.example.com"],
      connectionString,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      endpointUrls: ["https://bws-a.example.com", "https://bws-b.example.com"],
      connectionString: { configured: true, masked },
    });
    for (const username of ["owner", "viewer"]) {
      expect((await installation(username, demoId)).connectionString).toEqual({ configured: true, masked });
      const list = await server.send(username, "GET", "/api/installations");
      expect(await list.text()).not.toContain("pw!42");
    }
  });

  it("returns the connection string in clear only to Owners and platform administrators", async () => {
    for (const username of ["owner", "admin"]) {
      const response = await server.send(username, "GET", `/api/installations/${demoId}/connection-string`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ connectionString });
    }
    for (const username of ["editor", "support", "viewer"]) {
      const response = await server.send(username, "GET", `/api/installations/${demoId}/connection-string`);
      expect(response.status).toBe(403);
      expect(await messageOf(response)).toMatch(/connection string/);
    }
  });

  it("lets an Editor change endpoints and the connection string", async () => {
    const response = await server.send("editor", "PATCH", `/api/installations/${demoId}`, {
      endpointUrls: ["https://bws-edit.example.com"],
      connectionString: "mongodb+srv://svc:other@cluster.example.net/bws?retryWrites=true",
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as InstallationView;
    expect(body.endpointUrls).toEqual(["https://bws-edit.example.com"]);
    expect(body.connectionString.masked).toBe("mongodb+srv://svc:****@cluster.example.net/bws");
    const clear = await server.send("owner", "GET", `/api/installations/${demoId}/connection-string`);
    expect(await clear.json()).toEqual({ connectionString: "mongodb+srv://svc:other@cluster.example.net/bws?retryWrites=true" });
  });

  it("removes the connection string when an Owner sets it to null", async () => {
    const response = await server.send("owner", "PATCH", `/api/installations/${demoId}`, { connectionString: null });
    expect(response.status).toBe(200);
    expect(((await response.json()) as InstallationView).connectionString).toEqual({ configured: false, masked: null });
    const clear = await server.send("owner", "GET", `/api/installations/${demoId}/connection-string`);
    expect(await clear.json()).toEqual({ connectionString: null });
  });

  it.each(["viewer", "support"])("answers 403 with a Message when %s changes the installation, and changes nothing", async (username) => {
    const before = await snapshotDatabase(server.db.prisma);
    const response = await server.send(username, "PATCH", `/api/installations/${demoId}`, { endpointUrls: ["https://evil.example.com"] });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/change this installation/);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it.each(["owner", "editor"])("answers 403 when %s (not a platform administrator) renames the installation", async (username) => {
    const response = await server.send(username, "PATCH", `/api/installations/${demoId}`, { name: "renamed" });
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/Only platform administrators may rename/);
    expect((await installation("admin", demoId)).name).toBe("demo");
  });

  it("lets a platform administrator rename an installation, refusing a taken name with 409", async () => {
    const north = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "north" } });
    const taken = await server.send("admin", "PATCH", `/api/installations/${north.id}`, { name: "lab" });
    expect(taken.status).toBe(409);
    expect(await messageOf(taken)).toMatch(/'lab' already exists/);
    const renamed = await server.send("admin", "PATCH", `/api/installations/${north.id}`, { name: "north-2" });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as InstallationView).name).toBe("north-2");
  });

  it("adds a storage, removes an empty one, and answers 409 for removing a storage that holds clients", async () => {
    const added = await server.send("owner", "PATCH", `/api/installations/${demoId}`, { storages: ["bws", "extra"] });
    expect(added.status).toBe(200);
    expect(((await added.json()) as InstallationView).storageDetails).toEqual([
      { name: "bws", clientCount: 2 },
      { name: "extra", clientCount: 0 },
    ]);

    const before = await snapshotDatabase(server.db.prisma);
    const busy = await server.send("owner", "PATCH", `/api/installations/${demoId}`, { storages: ["extra"] });
    expect(busy.status).toBe(409);
    expect(await messageOf(busy)).toMatch(/Storage 'bws' still holds 2 client\(s\)/);
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);

    const reordered = await server.send("owner", "PATCH", `/api/installations/${demoId}`, { storages: ["extra", "bws"] });
    expect(reordered.status).toBe(200);
    expect(((await reordered.json()) as InstallationView).storages).toEqual(["extra", "bws"]);
    const read = await server.send("viewer", "GET", `/api/installations/${demoId}`);
    expect(((await read.json()) as InstallationView).storages).toEqual(["extra", "bws"]);

    const removed = await server.send("owner", "PATCH", `/api/installations/${demoId}`, { storages: ["bws"] });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as InstallationView).storages).toEqual(["bws"]);
    expect(await server.db.prisma.storage.count({ where: { installationId: demoId } })).toBe(1);
  });

  it.each([
    [{ endpointUrls: ["ftp://bws.example.com"] }, /endpointUrls\.0: must be an http\(s\) URL/],
    [{ connectionString: "postgres://x" }, /connectionString: must be a MongoDB connection string/],
    [{ storages: [] }, /storages: at least one storage/],
    [{ storages: ["bws", "bws"] }, /storage names must be unique/],
    [{}, /must change at least one field/],
    [{ color: "red" }, /color/],
  ])("answers 400 with a Message for the invalid change %j", async (body, message) => {
    const response = await server.send("owner", "PATCH", `/api/installations/${demoId}`, body);
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(message);
  });

  it("answers 409 with a Message when deleting an installation that has clients", async () => {
    const response = await server.send("admin", "DELETE", `/api/installations/${demoId}`);
    expect(response.status).toBe(409);
    expect(await messageOf(response)).toMatch(/'demo' still has 2 client\(s\)/);
    expect(await server.db.prisma.installation.count({ where: { id: demoId } })).toBe(1);
  });

  it("answers 403 when an installation Owner deletes the installation", async () => {
    const response = await server.send("owner", "DELETE", `/api/installations/${demoId}`);
    expect(response.status).toBe(403);
    expect(await messageOf(response)).toMatch(/Only platform administrators may delete/);
  });

  it("deletes an empty installation with 204, together with its storages", async () => {
    const north = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "north-2" } });
    const response = await server.send("admin", "DELETE", `/api/installations/${north.id}`);
    expect(response.status).toBe(204);
    expect((await server.send("admin", "GET", `/api/installations/${north.id}`)).status).toBe(404);
    expect(await server.db.prisma.storage.count({ where: { installationId: north.id } })).toBe(0);
    expect((await server.send("admin", "DELETE", `/api/installations/${north.id}`)).status).toBe(404);
  });
});
