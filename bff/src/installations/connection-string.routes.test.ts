import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MongoInstallationStoreFactory } from "../installation-stores/mongo-installation-store.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { parseInstallationHosts } from "./installation-hosts.ts";

/**
 * The reproductions of issue #11 row 1: an installation Editor or Owner must not be able to
 * use the connection string to probe ports, test for local files or make the server fetch
 * cloud credentials.
 */
describe("connection strings as data", () => {
  const allowedHosts = "127.0.0.1, *.example.com";
  let server: TestServer;
  let demoId: string;
  let otherService: Server;
  let otherPort: number;

  beforeAll(async () => {
    otherService = createServer((_req, res) => res.end("not a MongoDB"));
    await new Promise<void>((resolve) => otherService.listen(0, "127.0.0.1", resolve));
    otherPort = (otherService.address() as AddressInfo).port;
    server = await startTestServer(
      { INSTALLATION_HOSTS: allowedHosts },
      {
        storeFactory: new MongoInstallationStoreFactory({ serverSelectionTimeoutMS: 500, hosts: parseInstallationHosts(allowedHosts) }),
        worker: { pollMs: 100 },
      },
    );
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => {
    await server?.stop();
    otherService?.close();
  });

  const patch = (username: string, connectionString: string) => server.send(username, "PATCH", `/api/installations/${demoId}`, { connectionString });

  async function importErrorOf(username: string, connectionString: string): Promise<string> {
    const response = await patch(username, connectionString);
    const body = (await response.json()) as { importReport?: { error?: string } };
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body.importReport!.error!;
  }

  it("answers an open port and a closed port alike: the import report names the category, never the driver's text", async () => {
    const closed = await importErrorOf("editor", "mongodb://bws:pw@127.0.0.1:1/bws");
    const open = await importErrorOf("owner", `mongodb://bws:pw@127.0.0.1:${otherPort}/bws`);
    expect(open).toBe(closed);
    expect(closed).toBe("The installation's database could not be read: The installation's database cannot be reached (check hosts, ports, replica set and network).");
    const log = server.logs.join("");
    expect(log).toMatch(/ECONNREFUSED/);
    expect(log).toMatch(/connection <monitor> to 127\.0\.0\.1:\d+ closed/);
  });

  it("refuses tlsCAFile with 400 naming the option, the same whether the file exists or not, changing nothing", async () => {
    const before = await server.db.prisma.installation.findUniqueOrThrow({ where: { id: demoId } });
    const answers = [];
    for (const file of ["/nonexistent", "/etc/hostname"]) {
      const response = await patch("editor", `mongodb://127.0.0.1:1/bws?tls=true&tlsCAFile=${file}`);
      expect(response.status).toBe(400);
      answers.push(await response.json());
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ Code: "ValidationFailed", Message: expect.stringMatching(/^connectionString: option 'tlsCAFile' is not allowed/) });
    const certificateKey = await patch("owner", "mongodb://127.0.0.1:1/bws?tls=true&tlsCertificateKeyFile=/etc/hostname");
    expect(await certificateKey.json()).toMatchObject({ Message: expect.stringMatching(/option 'tlsCertificateKeyFile' is not allowed/) });
    expect((await server.db.prisma.installation.findUniqueOrThrow({ where: { id: demoId } })).connectionStringEnc).toBe(before.connectionStringEnc);
  });

  it("refuses MONGODB-OIDC with a cloud environment, naming the option", async () => {
    for (const environment of ["azure", "gcp"]) {
      const response = await patch("owner", `mongodb://db.example.com/bws?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:${environment},TOKEN_RESOURCE:x`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ Message: expect.stringMatching(/option 'authMechanism' must be SCRAM-SHA-1 or SCRAM-SHA-256/) });
    }
  });

  it("refuses a host INSTALLATION_HOSTS does not allow, naming it, on create and on update", async () => {
    for (const host of ["10.0.0.5", "localhost", "example.com", "db.example.com.evil.net"]) {
      const response = await patch("owner", `mongodb://db.example.com:27017,${host}:27017/bws?replicaSet=rs0`);
      expect(response.status, host).toBe(400);
      expect(await response.json()).toMatchObject({ Message: `connectionString: host '${host}' is not allowed by INSTALLATION_HOSTS (127.0.0.1, *.example.com)` });
    }
    const created = await server.send("admin", "POST", "/api/installations", { name: "far-away", connectionString: "mongodb://169.254.169.254/bws" });
    expect(created.status).toBe(400);
    expect(await server.db.prisma.installation.count({ where: { name: "far-away" } })).toBe(0);
  });

  it("stores the normalised string: canonical option names, nothing else", async () => {
    expect((await patch("owner", "mongodb://bws:pw@127.0.0.1:1/bws?REPLICASET=rs0&TLS=false")).status).toBe(200);
    const clear = (await server.call<{ connectionString: string }>("owner", "GET", `/api/installations/${demoId}/connection-string`)).connectionString;
    expect(clear).toBe("mongodb://bws:pw@127.0.0.1:1/bws?replicaSet=rs0&tls=false");
  });

  it("records the outbox's failure as its category: sync status and diagnostics show it, the log keeps the driver's text masked", async () => {
    const password = "Very-Secret-Mongo-Pw";
    expect((await patch("owner", `mongodb://bws:${password}@127.0.0.1:1/bws`)).status).toBe(200);
    expect((await server.send("owner", "PATCH", "/api/clients/demo-client", { identification: true })).status).toBe(200);
    const unreachable = "The installation's database cannot be reached (check hosts, ports, replica set and network).";
    await expect
      .poll(async () => server.call<{ lastError: string | null }>("owner", "GET", `/api/installations/${demoId}/sync`), { timeout: 20_000 })
      .toMatchObject({ lastError: unreachable });
    const diagnostics = await server.call<{ entries: { message: string }[] }>("owner", "GET", `/api/installations/${demoId}/diagnostics`);
    const sync = diagnostics.entries.filter((entry) => entry.message.startsWith("A client change"));
    expect(sync.length).toBeGreaterThan(0);
    for (const entry of sync) expect(entry.message).toMatch(/cannot be reached/);
    expect(JSON.stringify(diagnostics)).not.toMatch(/ECONNREFUSED|closed/);
    const recorded = await server.db.prisma.outboxMessage.findMany({ where: { installationId: demoId, lastError: { not: null } }, select: { lastError: true } });
    expect(new Set(recorded.map((row) => row.lastError))).toEqual(new Set([unreachable]));
    const log = server.logs.join("");
    expect(log).toMatch(/"category":"unreachable"/);
    expect(log).not.toContain(password);
  }, 60_000);
});
