import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingStoreFactory } from "../testing/recording-store-factory.ts";
import { startMongoTestServer, type MongoTestServer } from "../installation-stores/testing/mongo-test-server.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * An unreachable installation never loses a change: 100 changes across 10 clients wait
 * while the installation is down, survive a BFF restart, and arrive in order, each client
 * written once with its newest version, when the installation is back.
 */

describe("an installation that is down", () => {
  let mongo: MongoTestServer;
  let server: TestServer;
  const factory = new RecordingStoreFactory({ serverSelectionTimeoutMS: 500 });
  const clients = Array.from({ length: 10 }, (_, i) => `outage-${i}`);

  beforeAll(async () => {
    mongo = await startMongoTestServer({ dataFile: path.join(await mkdtemp(path.join(tmpdir(), "bws-mongo-")), "data.json") });
    server = await startTestServer({}, { storeFactory: factory, worker: { pollMs: 100, maxBackoffMs: 500 } });
  });
  afterAll(async () => {
    await server?.stop();
    await mongo?.stop();
  });

  it("keeps 100 changes pending across a BFF restart and delivers them in order when it returns", async () => {
    const token = await server.tokenFor("admin");
    const call = (method: string, pathname: string, body: unknown) => server.call<{ id: string }>("admin", method, pathname, body);
    const installation = await call("POST", "/api/installations", { name: "flaky", connectionString: mongo.url });
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    for (const name of clients) await call("POST", "/api/clients", { name, installationId: installation.id, storage: "bws", expiresAt });
    await expect.poll(() => factory.writes.length, { timeout: 15_000 }).toBe(10);

    await mongo.stop();
    for (let round = 1; round <= 9; round++) {
      for (const name of clients) {
        await call("PATCH", `/api/clients/${name}`, { logging: { retentionDays: round + 1 }, identification: round % 2 === 1 });
      }
    }
    await call("PATCH", `/api/clients/${clients[0]}`, { logging: { level: "debug" } });
    const pendingStatus = await expect
      .poll(async () => (await server.api(`/api/installations/${installation.id}/sync`, { token })).json(), { timeout: 15_000 })
      .toMatchObject({ state: "pending", pending: 10, lastError: expect.stringMatching(/\S/) });
    expect(pendingStatus).toBeDefined();

    // A BFF restart: a new instance (new worker, new store pool) on the same database.
    const restarted = await server.restart();
    server = restarted;
    expect(await server.db.prisma.outboxMessage.count({ where: { status: "pending" } })).toBe(10);

    await mongo.restart();
    await server.sync.worker.wake();
    await expect
      .poll(async () => {
        return server.db.prisma.outboxMessage.count({ where: { status: "pending" } });
      }, { timeout: 20_000 })
      .toBe(0);

    const reader = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 3000 });
    try {
      const docs = await reader.db().collection("clients").find({}).toArray();
      expect(docs.map((d) => String(d._id)).sort()).toEqual([...clients].sort());
      for (const name of clients) {
        const row = await server.db.prisma.client.findUniqueOrThrow({ where: { name } });
        const doc = docs.find((d) => String(d._id) === name)!;
        expect(doc).toMatchObject({ version: row.version, identification: row.identification, logging: { retentionDays: 10, level: row.logLevel } });
        const versions = factory.writes.filter((w) => w.name === name && w.outcome === "written").map((w) => w.version);
        expect(versions, `${name} written in order`).toEqual([...versions].sort((a, b) => a - b));
        expect(new Set(versions).size, `${name} never written twice with one version`).toBe(versions.length);
        expect(versions.at(-1)).toBe(row.version);
      }
      expect(docs.find((d) => String(d._id) === clients[0])).toMatchObject({ logging: { level: "debug" } });
    } finally {
      await reader.close();
    }
    const counts = await server.db.prisma.outboxMessage.groupBy({ by: ["status"], _count: true });
    expect(Object.fromEntries(counts.map((c) => [c.status, c._count]))).toEqual({ delivered: 20, superseded: 81 });
  }, 90_000);
});
