import { MongoClient, ObjectId, type Document } from "mongodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InstallationStore } from "../installation-stores/installation-store.ts";
import { MongoInstallationStoreFactory } from "../installation-stores/mongo-installation-store.ts";
import { startMongoTestServer, type MongoTestServer } from "../installation-stores/testing/mongo-test-server.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { releaseImportLease, takeImportLease } from "../sync/import-lease.ts";
import { importBwsLog } from "./bwslog-import.ts";

/** The installation's `bwslog` becomes usage events and rollups: once each, without gaps. */
describe("importing an installation's bwslog", () => {
  let mongo: MongoTestServer;
  let writer: MongoClient;
  let server: TestServer;
  let store: InstallationStore;
  let demoId: string;
  let demoClientId: string;
  const start = Date.UTC(2026, 10, 20, 8, 0, 0);

  /** `count` entries, one per 37 s from `from`, alternating clients; every 10th names an unknown client. */
  function entries(count: number, from = start, offset = 0): Document[] {
    return Array.from({ length: count }, (_, i) => ({
      _id: new ObjectId(),
      at: new Date(from + (offset + i) * 37_000),
      client: (offset + i) % 10 === 9 ? "unknown-client" : (offset + i) % 2 ? "second-client" : "demo-client",
      instance: (offset + i) % 3 ? "bws-1" : "bws-2",
      operation: ["verify", "enroll", "livenessdetection"][(offset + i) % 3],
      success: (offset + i) % 7 !== 0,
      error: (offset + i) % 7 !== 0 ? undefined : "NoFaceFound",
      durationMs: 100 + ((offset + i) % 50) * 10,
      bcid: `bws.1.${offset + i}`,
      jobId: `job-${offset + i}`,
    }));
  }
  const bwslog = () => writer.db().collection("bwslog");
  const events = () => server.db.prisma.usageEvent.findMany({ where: { installationId: demoId }, orderBy: { at: "asc" } });
  const rolledUp = async () =>
    (await server.db.prisma.usageRollup.aggregate({ where: { installationId: demoId, granularity: "hour" }, _sum: { count: true } }))._sum.count ?? 0;

  beforeAll(async () => {
    mongo = await startMongoTestServer();
    writer = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 3000 });
    server = await startTestServer({}, { startWorker: false });
    store = new MongoInstallationStoreFactory().open(mongo.url);
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
    demoClientId = (await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } })).id;
  });
  beforeEach(async () => {
    await bwslog().deleteMany({});
    await server.db.prisma.usageEvent.deleteMany({});
    await server.db.prisma.usageRollup.deleteMany({});
    await server.db.prisma.usageInstallationRollup.deleteMany({});
    await server.db.prisma.usageClientTotal.deleteMany({});
    await server.db.prisma.installationImport.deleteMany({});
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
    await writer?.close();
    await mongo?.stop();
  });

  it("imports every entry of known clients with its fields, and counts the unknown ones as skipped", async () => {
    await bwslog().insertMany(entries(120));
    const result = await importBwsLog(server.db.prisma, store, demoId, { batchSize: 25 });
    expect(result).toEqual({ read: 120, imported: 108, skipped: 12 });
    const stored = await events();
    expect(stored).toHaveLength(108);
    expect(stored[0]).toMatchObject({ clientId: demoClientId, instance: "bws-2", operation: "verify", result: "failure", errorCode: "NoFaceFound", durationMs: 100, source: "bws", bcid: "bws.1.0", details: { jobId: "job-0" } });
    expect(stored[1]).toMatchObject({ result: "success", errorCode: null, operation: "enroll" });
    expect(await rolledUp()).toBe(108);
    const position = await server.db.prisma.installationImport.findUniqueOrThrow({ where: { installationId_collection: { installationId: demoId, collection: "bwslog" } } });
    expect(position).toMatchObject({ imported: 108n, skipped: 12n, lastAt: new Date(start + 119 * 37_000) });
  });

  it("counts entries imported twice once", async () => {
    await bwslog().insertMany(entries(60));
    await importBwsLog(server.db.prisma, store, demoId, { batchSize: 16 });
    await server.db.prisma.installationImport.deleteMany({});
    const again = await importBwsLog(server.db.prisma, store, demoId, { batchSize: 16 });
    expect(again).toMatchObject({ read: 60, imported: 0 });
    expect(await events()).toHaveLength(54);
    expect(await rolledUp()).toBe(54);
    const usage = await server.call<{ total: number }>("admin", "GET", `/api/installations/${demoId}/usage?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&bucket=hour`);
    expect(usage.total).toBe(54);
  });

  it("resumes an import interrupted halfway without gaps or duplicates", async () => {
    await bwslog().insertMany(entries(200));
    let reads = 0;
    const failing: InstallationStore = {
      ...store,
      readLogEntries: async (after, limit) => {
        if (++reads === 4) throw new Error("connection reset by the installation");
        return store.readLogEntries(after, limit);
      },
    };
    await expect(importBwsLog(server.db.prisma, failing, demoId, { batchSize: 30 })).rejects.toThrow(/connection reset/);
    const partial = await events();
    expect(partial).toHaveLength(81); // three batches of 30, less the unknown client's
    // New entries arrive meanwhile, one of them written late with an older time.
    await bwslog().insertMany(entries(20, start, 200));
    await bwslog().insertOne({ ...entries(1, start, 150)[0], _id: new ObjectId(), jobId: "late" });
    const rest = await importBwsLog(server.db.prisma, store, demoId, { batchSize: 30, rereadMs: 365 * 86_400_000 });
    const all = await events();
    const expected = (await bwslog().find({ client: { $ne: "unknown-client" } }).toArray()).map((doc) => `${demoId}:${String(doc._id)}`).sort();
    expect(all.map((e) => e.externalId).sort()).toEqual(expected);
    expect(new Set(all.map((e) => e.externalId)).size).toBe(all.length);
    expect(rest.imported).toBe(expected.length - 81);
    expect(await rolledUp()).toBe(expected.length);
  });

  it("gives an import lease to one instance at a time, and again once it is released or has run out", async () => {
    const prisma = server.db.prisma;
    expect(await takeImportLease(prisma, demoId, "bwslog", 60)).toBe(true);
    expect(await takeImportLease(prisma, demoId, "bwslog", 60)).toBe(false);
    expect(await takeImportLease(prisma, demoId, "classes", 60)).toBe(true);
    await releaseImportLease(prisma, demoId, "bwslog");
    expect(await takeImportLease(prisma, demoId, "bwslog", 0.05)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await takeImportLease(prisma, demoId, "bwslog", 60)).toBe(true);
  });

  it("picks up an entry written late within the re-read window and ignores the ones it has", async () => {
    await bwslog().insertMany(entries(10));
    await importBwsLog(server.db.prisma, store, demoId);
    await bwslog().insertOne({ _id: new ObjectId(), at: new Date(start + 2 * 37_000 + 1000), client: "demo-client", operation: "identify", success: true, durationMs: 900 });
    const result = await importBwsLog(server.db.prisma, store, demoId, { rereadMs: 10 * 60_000 });
    expect(result.imported).toBe(1);
    expect((await events()).filter((e) => e.operation === "identify")).toHaveLength(1);
  });

  it("runs for connected installations in the import worker and reports failures in the diagnostic log", async () => {
    await bwslog().insertMany(entries(10, Date.now() - 3_600_000));
    await server.call("admin", "PATCH", `/api/installations/${demoId}`, { connectionString: mongo.url });
    // Another instance holds the lease: this one leaves the collection to it.
    expect(await takeImportLease(server.db.prisma, demoId, "bwslog")).toBe(true);
    await server.sync.importer.runOnce();
    expect(await events()).toHaveLength(0);
    await releaseImportLease(server.db.prisma, demoId, "bwslog");
    await server.sync.importer.runOnce();
    expect(await events()).toHaveLength(9);
    expect((await server.db.prisma.installationImport.findMany({ where: { installationId: demoId } })).map((row) => row.leasedUntil)).toEqual([null, null]);
    const log = await server.call<{ total: number; entries: { client: string; source: string }[] }>(
      "support",
      "GET",
      `/api/installations/${demoId}/bwslog?from=${encodeURIComponent(new Date(Date.now() - 7_200_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}&client=second-client`,
    );
    expect(log.total).toBe(4);
    expect(log.entries.every((e) => e.client === "second-client" && e.source === "bws")).toBe(true);

    await server.call("admin", "PATCH", `/api/installations/${demoId}`, { connectionString: "mongodb://127.0.0.1:1/bws?serverSelectionTimeoutMS=300&connectTimeoutMS=300" });
    await server.sync.importer.runOnce();
    const diagnostics = await server.call<{ entries: { source: string; level: string; message: string }[] }>("owner", "GET", `/api/installations/${demoId}/diagnostics`);
    expect(diagnostics.entries).toContainEqual(expect.objectContaining({ source: "import", level: "error", message: expect.stringMatching(/Reading the 'bwslog' collection failed/) }));
    expect(JSON.stringify(diagnostics)).not.toContain("127.0.0.1:1/bws");
    await server.call("admin", "PATCH", `/api/installations/${demoId}`, { connectionString: null });
  });
});
