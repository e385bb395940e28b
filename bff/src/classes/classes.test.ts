import { Long, MongoClient, ObjectId, type Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstallationStore } from "../installation-stores/installation-store.ts";
import { MongoInstallationStoreFactory } from "../installation-stores/mongo-installation-store.ts";
import { startMongoTestServer, type MongoTestServer } from "../installation-stores/testing/mongo-test-server.ts";
import { makeTestCertificate } from "../testing/test-certificates.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";
import { importClasses } from "./class-import.ts";

/**
 * The class index follows the installation's `classes` collection; deleting a class or a
 * pattern needs a client certificate and reaches the installation through the outbox.
 */
describe("classes of a client", () => {
  let mongo: MongoTestServer;
  let writer: MongoClient;
  let server: TestServer;
  let store: InstallationStore;
  let installationId: string;
  const t0 = Date.UTC(2026, 9, 1);

  const classes = () => writer.db().collection("classes");
  const classDoc = (partition: number, classId: number, traits: string[], minutes: number): Document => ({
    _id: new ObjectId(),
    storage: "bws",
    partition,
    classId: Long.fromNumber(classId),
    traits: traits.map((trait) => ({ trait, templates: 3 })),
    enrolledAt: new Date(t0),
    updatedAt: new Date(t0 + minutes * 60_000),
  });
  const until = async (probe: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await server.sync.worker.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    mongo = await startMongoTestServer();
    writer = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 3000 });
    server = await startTestServer({}, { startWorker: false });
    store = new MongoInstallationStoreFactory().open(mongo.url);
    const created = await server.call<{ id: string }>("admin", "POST", "/api/installations", { name: "classes-inst", storages: ["bws"], connectionString: mongo.url });
    installationId = created.id;
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    for (const [name, partition] of [["with-cert", 1], ["without-cert", 2]] as const) {
      await server.call("admin", "POST", "/api/clients", { name, installationId, storage: "bws", partition, expiresAt });
    }
    const cert = makeTestCertificate({ commonName: "classes-cert" });
    const uploaded = await server.call<{ id: string }>("admin", "POST", `/api/installations/${installationId}/certificates`, { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem });
    await server.call("admin", "PUT", `/api/clients/with-cert/certificates/${uploaded.id}`);
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
    await writer?.close();
    await mongo?.stop();
  });

  it("imports classes by partition, resumes after an interruption and keeps the newest version", async () => {
    await classes().insertMany([
      ...Array.from({ length: 40 }, (_, i) => classDoc(1, i + 1, i % 2 ? ["Face"] : ["Face", "Periocular"], i)),
      ...Array.from({ length: 10 }, (_, i) => classDoc(2, i + 1, ["Periocular"], 40 + i)),
      classDoc(99, 1, ["Face"], 60),
    ]);
    let reads = 0;
    const failing: InstallationStore = {
      ...store,
      readClasses: async (after, limit) => {
        if (++reads === 3) throw new Error("socket closed");
        return store.readClasses(after, limit);
      },
    };
    await expect(importClasses(server.db.prisma, failing, installationId, { batchSize: 15 })).rejects.toThrow(/socket closed/);
    expect(await server.db.prisma.biometricClass.count({ where: { installationId } })).toBe(30);
    const rest = await importClasses(server.db.prisma, store, installationId, { batchSize: 15 });
    expect(rest).toEqual({ read: 21, imported: 20, skipped: 1 });
    expect(await server.db.prisma.biometricClass.count({ where: { installationId } })).toBe(50);
    // The new entries of the interrupted batch are there once: nothing was counted twice.
    const ids = await server.db.prisma.biometricClass.findMany({ where: { installationId }, select: { partition: true, classId: true } });
    expect(new Set(ids.map((c) => `${c.partition}/${c.classId}`)).size).toBe(50);
    // A document that is older than the indexed row does not overwrite it.
    await classes().insertOne({ ...classDoc(1, 1, ["Voice"], -500), _id: new ObjectId() });
    await importClasses(server.db.prisma, store, installationId);
    const first = await server.db.prisma.biometricClass.findFirstOrThrow({ where: { installationId, partition: 1, classId: 1 } });
    expect(first.traits).toEqual([{ trait: "Face", templates: 3 }, { trait: "Periocular", templates: 3 }]);
  });

  it("counts classes per trait, lists them by class id and follows later changes", async () => {
    const count = (client: string, trait: string) => server.call<number>("admin", "GET", `/api/clients/${client}/${trait}/classcount`);
    expect(await count("with-cert", "Face")).toBe(40);
    expect(await count("with-cert", "periocular")).toBe(20);
    expect(await count("without-cert", "Face")).toBe(0);
    await classes().updateOne({ partition: 2, classId: Long.fromNumber(1) }, { $set: { traits: [{ trait: "Face", templates: 1 }], updatedAt: new Date(t0 + 90 * 60_000) } });
    await importClasses(server.db.prisma, store, installationId);
    expect(await count("without-cert", "Face")).toBe(1);
    const listed = await server.call<{ classId: number; bcid: string }[]>("admin", "GET", "/api/clients/without-cert/classes?maxclasses=3");
    expect(listed.map((c) => c.bcid)).toEqual(["bws.2.1", "bws.2.2", "bws.2.3"]);
  });

  it("deletes a class and a pattern through the outbox when the client has a certificate", async () => {
    const deleted = await server.send("editor", "DELETE", "/api/clients/with-cert/classes/2");
    expect(deleted.status).toBe(403); // editor has no role on this installation
    const classResponse = await server.send("admin", "DELETE", "/api/clients/with-cert/classes/2");
    expect(classResponse.status).toBe(202);
    expect(await messageOf(classResponse)).toMatch(/queued/);
    const patternResponse = await server.send("admin", "DELETE", "/api/clients/with-cert/classes/3/Periocular");
    expect(patternResponse.status).toBe(202);

    expect(await server.db.prisma.biometricClass.findFirst({ where: { installationId, partition: 1, classId: 2 } })).toBeNull();
    const pattern = await server.db.prisma.biometricClass.findFirstOrThrow({ where: { installationId, partition: 1, classId: 3 } });
    expect(pattern.traits).toEqual([{ trait: "Face", templates: 3 }]);

    await until(async () => (await classes().countDocuments({ partition: 1, classId: Long.fromNumber(2) })) === 0, "the class to leave the installation");
    await until(async () => {
      const doc = await classes().findOne({ partition: 1, classId: Long.fromNumber(3) });
      return JSON.stringify(doc?.traits) === JSON.stringify([{ trait: "Face", templates: 3 }]);
    }, "the pattern to leave the installation");
    const audit = await server.db.prisma.auditEvent.findMany({ where: { action: { startsWith: "client.class." } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["client.class.delete", "client.class.deletePattern"]);
  });

  it("refuses deletes without a certificate (409), of unknown classes (404) and with bad ids (400), changing nothing", async () => {
    const before = await server.db.prisma.biometricClass.count();
    const outbox = await server.db.prisma.outboxMessage.count();
    const noCert = await server.send("admin", "DELETE", "/api/clients/without-cert/classes/1");
    expect(noCert.status).toBe(409);
    expect(await messageOf(noCert)).toMatch(/certificate/);
    expect((await server.send("admin", "DELETE", "/api/clients/with-cert/classes/9999")).status).toBe(404);
    expect((await server.send("admin", "DELETE", "/api/clients/with-cert/classes/5/Voice")).status).toBe(404);
    expect((await server.send("admin", "DELETE", "/api/clients/with-cert/classes/-1")).status).toBe(400);
    expect((await server.send("admin", "DELETE", "/api/clients/with-cert/classes/5/Iris")).status).toBe(400);
    expect(await server.db.prisma.biometricClass.count()).toBe(before);
    expect(await server.db.prisma.outboxMessage.count()).toBe(outbox);
  });
});
