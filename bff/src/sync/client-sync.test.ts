import { MongoClient, type Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMongoTestServer, type MongoTestServer } from "../installation-stores/testing/mongo-test-server.ts";
import { makeTestCertificate } from "../testing/test-certificates.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/** Every client change reaches the installation's `clients` collection. */
describe("pushing client changes to the installation's MongoDB", () => {
  let mongo: MongoTestServer;
  let reader: MongoClient;
  let server: TestServer;
  let token: string;
  let installationId: string;

  const document = async (name: string) => reader.db().collection("clients").findOne({ _id: name as unknown as Document["_id"] });
  const until = async <T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await probe();
      if (accept(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await server.api(path, { method, token, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? JSON.parse(text) : undefined;
  };

  beforeAll(async () => {
    mongo = await startMongoTestServer();
    reader = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 3000 });
    server = await startTestServer({}, { worker: { pollMs: 100 } });
    token = await server.tokenFor("admin");
    const created = await call("POST", "/api/installations", { name: "mongo-inst", storages: ["bws"], connectionString: mongo.url });
    installationId = created.id;
    expect(created.importReport).toMatchObject({ messages: [] });
  });
  afterAll(async () => {
    await server?.stop();
    await reader?.close();
    await mongo?.stop();
  });

  it("writes a created client with the documented layout", async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await call("POST", "/api/clients", { name: "pushed", installationId, storage: "bws", partition: 7, expiresAt, identification: true, logging: { logImages: true, level: "debug", retentionDays: 14 } });
    const doc = await until(() => document("pushed"), Boolean, "the created client");
    expect(doc).toMatchObject({
      _id: "pushed",
      storage: "bws",
      partition: 7,
      enabled: true,
      identification: true,
      logging: { logImages: true, level: "debug", retentionDays: 14 },
      certificates: [],
      webApiKeys: [],
      version: 1,
    });
    expect(new Date(doc!["expiresAt"]).toISOString()).toBe(expiresAt);
    expect(doc!["updatedAt"]).toBeInstanceOf(Date);
  });

  it("writes updates, keys and certificates as newer versions", async () => {
    await call("PATCH", "/api/clients/pushed", { identification: false });
    const key = await call("POST", "/api/clients/pushed/keys", { label: "app" });
    const cert = makeTestCertificate({ commonName: "pushed-cert" });
    const uploaded = await call("POST", `/api/installations/${installationId}/certificates`, { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem });
    await call("PUT", `/api/clients/pushed/certificates/${uploaded.id}`);
    const doc = await until(() => document("pushed"), (d) => (d?.["version"] as number) >= 4, "version 4");
    expect(doc).toMatchObject({ identification: false, version: 4, certificates: [{ name: "pushed-cert", thumbprint: uploaded.thumbprint }] });
    expect(doc!["webApiKeys"]).toEqual([{ appId: key.appId, secretHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/), expiresAt: null }]);
    expect(JSON.stringify(doc)).not.toContain(key.appSecret);
    const status = await call("GET", "/api/clients/pushed/sync");
    expect(status).toMatchObject({ state: "inSync", pending: 0, lastDeliveredVersion: 4 });
  });

  it("pushes an expired client as disabled", async () => {
    await call("PATCH", "/api/clients/pushed", { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const doc = await until(() => document("pushed"), (d) => d?.["enabled"] === false, "enabled: false");
    expect(doc!["version"]).toBe(5);
  });

  it("removes a deleted client from the installation", async () => {
    await call("POST", "/api/clients", { name: "short-lived", installationId, storage: "bws", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await until(() => document("short-lived"), Boolean, "the client");
    await call("DELETE", "/api/clients/short-lived");
    expect(await until(() => document("short-lived"), (d) => d === null, "removal")).toBeNull();
  });

  it("queues nothing for an installation without a connection string", async () => {
    await call("PATCH", "/api/clients/demo-client", { identification: true });
    expect(await server.db.prisma.outboxMessage.count({ where: { clientName: "demo-client" } })).toBe(0);
    expect(await call("GET", "/api/clients/demo-client/sync")).toMatchObject({ state: "notConnected" });
  });
});
