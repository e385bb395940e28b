import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMongoTestServer, type MongoTestServer } from "../installation-stores/testing/mongo-test-server.ts";
import { makeTestCertificate } from "../testing/test-certificates.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/** Entering a connection string imports the installation's clients with seed 000's report. */
describe("import on a new connection string", () => {
  let mongo: MongoTestServer;
  let server: TestServer;
  let token: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await server.api(path, { method, token, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? JSON.parse(text) : undefined;
  };

  beforeAll(async () => {
    mongo = await startMongoTestServer();
    server = await startTestServer({}, { worker: { pollMs: 100 } });
    token = await server.tokenFor("admin");
  });
  afterAll(async () => {
    await server?.stop();
    await mongo?.stop();
  });

  it("reports one of the five outcomes per client, with the seed's wording, and imports what is only in the installation", async () => {
    const installation = await call("POST", "/api/installations", { name: "import-inst", storages: ["bws"] });
    const known = makeTestCertificate({ commonName: "known-cert" });
    const uploaded = await call("POST", `/api/installations/${installation.id}/certificates`, {
      name: "Known Cert",
      certificatePem: known.certificatePem,
      privateKeyPem: known.privateKeyPem,
    });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await call("POST", "/api/clients", { name: "in-both", installationId: installation.id, storage: "bws", partition: 1, expiresAt });
    await call("POST", "/api/clients", { name: "bws-only", installationId: installation.id, storage: "bws", partition: 2, expiresAt });
    const bothRow = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "in-both" } });

    const unknownThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    const remoteUpdated = new Date("2026-01-02T03:04:05.000Z");
    const seedClient = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 3000 });
    const base = { storage: "bws", enabled: true, expiresAt: new Date(expiresAt), identification: false, logging: { logImages: false, level: "info", retentionDays: 30 }, webApiKeys: [], updatedAt: remoteUpdated };
    await seedClient.db().collection<{ _id: string } & Record<string, unknown>>("clients").insertMany([
      { _id: "in-both", ...base, partition: 1, version: 7, certificates: [] },
      { _id: "with-known-cert", ...base, partition: 10, version: 2, certificates: [{ name: "x", thumbprint: uploaded.thumbprint }], webApiKeys: [{ appId: "111.222.app.bws", secretHash: `sha256$${"a".repeat(64)}`, expiresAt: null }] },
      { _id: "with-unknown-cert", ...base, partition: 11, version: 1, certificates: [{ name: "y", thumbprint: unknownThumbprint }] },
    ]);
    await seedClient.close();

    const updated = await call("PATCH", `/api/installations/${installation.id}`, { connectionString: mongo.url });
    const texts = (updated.importReport.messages as { kind: string; client: string; text: string }[]).map((m) => `${m.kind}: ${m.text}`).sort();
    expect(texts).toEqual(
      [
        `notSynchronized: Client 'in-both' is in the BWS database (version 1, updated ${bothRow.updatedAt.toISOString()}) and in the MongoDB database of the installation (version 7, updated ${remoteUpdated.toISOString()}) and has not been synchronized. Note that, when the client is updated the next time, the BWS database version is written to the installation!`,
        `certificateAdded: Certificate 'Known Cert' (with thumbprint ${uploaded.thumbprint}) has been added to client 'with-known-cert'.`,
        `certificateUnknown: A certificate with thumbprint ${unknownThumbprint} is not in the BWS database and cannot be added to client 'with-unknown-cert'. Note that, when the client is updated the next time, this certificate setting is lost!`,
        "imported: Client 'with-known-cert' has been synchronized from the MongoDB database of the installation to the BWS database. Please modify the permissions of this client to grant the developers access to the client.",
        "imported: Client 'with-unknown-cert' has been synchronized from the MongoDB database of the installation to the BWS database. Please modify the permissions of this client to grant the developers access to the client.",
        "onlyInBws: Client 'bws-only' is only in the BWS database, but not in the MongoDB database of the installation. You have to update this client explicitly so that the BWS database version is written to the installation!",
      ].sort(),
    );
    expect(updated.importReport.counts).toEqual({ notSynchronized: 1, certificateAdded: 1, certificateUnknown: 1, imported: 2, onlyInBws: 1 });

    const imported = await server.db.prisma.client.findUniqueOrThrow({
      where: { name: "with-known-cert" },
      include: { permissions: { include: { user: true } }, certificates: true, keys: true },
    });
    expect(imported).toMatchObject({ partition: 10, version: 2 });
    expect(imported.permissions.map((p) => [p.user.username, p.role])).toEqual([["admin", "OWNER"]]);
    expect(imported.certificates.map((c) => c.certificateId)).toEqual([uploaded.id]);
    expect(imported.keys.map((k) => k.appId)).toEqual(["111.222.app.bws"]);
    const untouched = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "in-both" } });
    expect(untouched.version).toBe(1);
    expect(await server.db.prisma.outboxMessage.count({ where: { installationId: installation.id } })).toBe(0);
  });

  it("reports an unreachable installation without its password, and keeps the connection string", async () => {
    const password = "Sup3r-Secret-Mongo-Pw";
    const connectionString = `mongodb://bws:${password}@127.0.0.1:9/bws`;
    const created = await call("POST", "/api/installations", { name: "dead-inst", connectionString });
    expect(created.importReport.error).toMatch(/could not be read/);
    expect(JSON.stringify(created)).not.toContain(password);
    expect(created.connectionString).toEqual({ configured: true, masked: "mongodb://bws:****@127.0.0.1:9/bws" });
    await call("POST", "/api/clients", { name: "dead-client", installationId: created.id, storage: "bws", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const status = await expect
      .poll(async () => call("GET", `/api/installations/${created.id}/sync`), { timeout: 15_000 })
      .toMatchObject({ state: "pending", pending: 1, lastError: expect.stringMatching(/\S/) });
    expect(status).toBeDefined();
    const sync = await call("GET", `/api/installations/${created.id}/sync`);
    expect(JSON.stringify(sync)).not.toContain(password);
    const audit = await call("GET", `/api/audit?objectId=${created.id}`);
    expect(JSON.stringify(audit)).not.toContain(password);
    const retried = await call("POST", `/api/installations/${created.id}/sync/retry`);
    expect(retried).toEqual({ retrying: 1 });
    expect(server.logs.join("")).not.toContain(password);
  }, 60_000);
});
