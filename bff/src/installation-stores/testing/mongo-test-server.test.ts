import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MongoBulkWriteError, MongoClient, MongoServerError, MongoServerSelectionError, ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MongoTestServer, startMongoTestServer, withDatabase } from "./mongo-test-server.ts";

// The official driver, unchanged, against the mockupdb/mongomock wire server (or a real
// MongoDB when MONGODB_TEST_URL is set).
const clientOptions = { serverSelectionTimeoutMS: 1_500, connectTimeoutMS: 1_500 };

describe("MongoDB test server (official driver)", () => {
  let server: MongoTestServer;
  let client: MongoClient;
  const commands: { name: string; batch?: number }[] = [];

  beforeAll(async () => {
    server = await startMongoTestServer();
    client = new MongoClient(server.url, { ...clientOptions, monitorCommands: true });
    client.on("commandSucceeded", (event) => {
      const cursor = (event.reply as { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } }).cursor;
      commands.push({ name: event.commandName, batch: (cursor?.firstBatch ?? cursor?.nextBatch)?.length });
    });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  const db = () => client.db();

  it("connects and answers the handshake, ping and buildInfo", async () => {
    expect(db().databaseName).toBe(server.databaseName);
    expect(await db().command({ ping: 1 })).toMatchObject({ ok: 1 });
    const hello = await db().admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    const buildInfo = await db().admin().command({ buildInfo: 1 });
    expect(buildInfo.version).toMatch(/^\d+\.\d+/);
  });

  it("inserts and finds with sort, limit, skip and projection", async () => {
    const people = db().collection<{ _id?: ObjectId; name: string; age: number; city: string }>("people");
    const one = await people.insertOne({ name: "Ada", age: 36, city: "London" });
    expect(one.insertedId).toBeInstanceOf(ObjectId);
    const many = await people.insertMany([
      { name: "Grace", age: 85, city: "Arlington" },
      { name: "Linus", age: 54, city: "Portland" },
      { name: "Barbara", age: 81, city: "Boston" },
    ]);
    expect(many.insertedCount).toBe(3);
    expect(Object.keys(many.insertedIds)).toEqual(["0", "1", "2"]);

    const oldest = await people
      .find({ age: { $gt: 40 } }, { projection: { _id: 0, name: 1, age: 1 } })
      .sort({ age: -1 })
      .limit(2)
      .toArray();
    expect(oldest).toEqual([
      { name: "Grace", age: 85 },
      { name: "Barbara", age: 81 },
    ]);
    const skipped = await people.find({}, { projection: { name: 1 } }).sort({ name: 1 }).skip(1).limit(2).toArray();
    expect(skipped.map((p) => p.name)).toEqual(["Barbara", "Grace"]);
    expect(skipped[0]).not.toHaveProperty("age");
    expect(skipped[0]._id).toBeInstanceOf(ObjectId);

    const ada = await people.findOne({ _id: one.insertedId });
    expect(ada).toMatchObject({ name: "Ada", age: 36, city: "London" });
    expect(await people.findOne({ name: "Nobody" })).toBeNull();
  });

  it("iterates 1,000 documents in batches of 100 through getMore", async () => {
    const numbers = db().collection<{ _id: number; square: number }>("numbers");
    await numbers.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: i, square: i * i })));
    commands.length = 0;
    const seen: number[] = [];
    for await (const doc of numbers.find({}, { batchSize: 100 }).sort({ _id: 1 })) {
      expect(doc.square).toBe(doc._id * doc._id);
      seen.push(doc._id);
    }
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const find = commands.filter((c) => c.name === "find");
    const getMores = commands.filter((c) => c.name === "getMore");
    expect(find).toEqual([{ name: "find", batch: 100 }]);
    // 9 full batches; a server may need one more (empty) getMore to notice the end.
    expect(getMores.length).toBeGreaterThanOrEqual(9);
    expect(getMores.length).toBeLessThanOrEqual(10);
    expect(getMores.slice(0, 9).every((c) => c.batch === 100)).toBe(true);

    // A cursor closed early is killed on the server (killCursors) without error.
    const cursor = numbers.find({ _id: { $gte: 500 } }, { batchSize: 10 }).sort({ _id: 1 });
    expect((await cursor.next())?._id).toBe(500);
    await cursor.close();
    expect(commands.some((c) => c.name === "killCursors")).toBe(true);
  });

  it("updates with $set/$inc and upserts", async () => {
    const counters = db().collection<{ _id: string; count: number; label?: string }>("counters");
    await counters.insertOne({ _id: "a", count: 1 });

    const updated = await counters.updateOne({ _id: "a" }, { $set: { label: "first" }, $inc: { count: 2 } });
    expect(updated).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await counters.findOne({ _id: "a" })).toEqual({ _id: "a", count: 3, label: "first" });

    const upserted = await counters.updateOne({ _id: "b" }, { $inc: { count: 5 } }, { upsert: true });
    expect(upserted).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: "b" });
    expect(await counters.findOne({ _id: "b" })).toEqual({ _id: "b", count: 5 });

    const none = await counters.updateOne({ _id: "zzz" }, { $set: { label: "x" } });
    expect(none).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });

    const many = await counters.updateMany({}, { $inc: { count: 10 } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect((await counters.find().sort({ _id: 1 }).toArray()).map((c) => c.count)).toEqual([13, 15]);

    const after = await counters.findOneAndUpdate({ _id: "a" }, { $inc: { count: 1 } }, { returnDocument: "after" });
    expect(after).toEqual({ _id: "a", count: 14, label: "first" });
    const before = await counters.findOneAndUpdate({ _id: "a" }, { $inc: { count: 1 } }, { returnDocument: "before" });
    expect(before?.count).toBe(14);
  });

  it("runs an ordered bulkWrite of replaceOne/updateOne upserts", async () => {
    const settings = db().collection<{ _id: string; value: number; note?: string }>("settings");
    await settings.insertOne({ _id: "existing", value: 1 });
    const result = await settings.bulkWrite(
      [
        { replaceOne: { filter: { _id: "existing" }, replacement: { value: 2, note: "replaced" }, upsert: true } },
        { replaceOne: { filter: { _id: "new-replace" }, replacement: { value: 3 }, upsert: true } },
        { updateOne: { filter: { _id: "new-update" }, update: { $set: { value: 4 } }, upsert: true } },
        { updateOne: { filter: { _id: "existing" }, update: { $inc: { value: 10 } }, upsert: true } },
      ],
      { ordered: true },
    );
    expect(result.matchedCount).toBe(2);
    expect(result.modifiedCount).toBe(2);
    expect(result.upsertedCount).toBe(2);
    expect(result.upsertedIds).toEqual({ 1: "new-replace", 2: "new-update" });
    expect(await settings.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: "existing", value: 12, note: "replaced" },
      { _id: "new-replace", value: 3 },
      { _id: "new-update", value: 4 },
    ]);
  });

  it("deletes and counts", async () => {
    const events = db().collection<{ kind: string; n: number }>("events");
    await events.insertMany(Array.from({ length: 30 }, (_, n) => ({ kind: n % 3 === 0 ? "audit" : "info", n })));
    expect(await events.countDocuments()).toBe(30);
    expect(await events.countDocuments({ kind: "audit" })).toBe(10);
    expect(await events.countDocuments({ kind: "info" }, { skip: 5, limit: 10 })).toBe(10);

    const deleted = await events.deleteMany({ kind: "info", n: { $lt: 15 } });
    expect(deleted.deletedCount).toBe(10);
    expect((await events.deleteOne({ kind: "audit" })).deletedCount).toBe(1);
    expect(await events.countDocuments()).toBe(19);
    expect(await events.estimatedDocumentCount()).toBe(19);
    expect((await events.distinct("kind")).sort()).toEqual(["audit", "info"]);
  });

  it("aggregates with $match, $sort and $limit (and $group)", async () => {
    const orders = db().collection<{ customer: string; total: number; status: string }>("orders");
    await orders.insertMany([
      { customer: "c1", total: 10, status: "paid" },
      { customer: "c2", total: 70, status: "paid" },
      { customer: "c1", total: 30, status: "open" },
      { customer: "c3", total: 50, status: "paid" },
      { customer: "c1", total: 90, status: "paid" },
    ]);
    const top = await orders
      .aggregate([{ $match: { status: "paid" } }, { $sort: { total: -1 } }, { $limit: 3 }, { $project: { _id: 0, customer: 1, total: 1 } }])
      .toArray();
    expect(top).toEqual([
      { customer: "c1", total: 90 },
      { customer: "c2", total: 70 },
      { customer: "c3", total: 50 },
    ]);
    const perCustomer = await orders
      .aggregate([{ $match: { status: "paid" } }, { $group: { _id: "$customer", sum: { $sum: "$total" } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(perCustomer).toEqual([
      { _id: "c1", sum: 100 },
      { _id: "c2", sum: 70 },
      { _id: "c3", sum: 50 },
    ]);
  });

  it("enforces unique indexes with duplicate key errors (code 11000)", async () => {
    const users = db().collection<{ email: string; name?: string }>("users");
    const indexName = await users.createIndex({ email: 1 }, { unique: true });
    expect(indexName).toBe("email_1");
    const indexes = await users.listIndexes().toArray();
    expect(indexes.find((i) => i.name === "email_1")).toMatchObject({ key: { email: 1 }, unique: true });
    expect((await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toContain("users");

    await users.insertOne({ email: "a@example.com", name: "A" });
    const error = await users.insertOne({ email: "a@example.com", name: "again" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect((error as MongoServerError).message).toMatch(/E11000 duplicate key/);

    const bulk = await users
      .insertMany([{ email: "b@example.com" }, { email: "a@example.com" }, { email: "c@example.com" }], { ordered: true })
      .catch((e: unknown) => e);
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    expect((bulk as MongoBulkWriteError).code).toBe(11000);
    expect((bulk as MongoBulkWriteError).insertedCount).toBe(1);

    const upsertClash = await users
      .updateOne({ name: "nobody" }, { $set: { email: "b@example.com" } }, { upsert: true })
      .catch((e: unknown) => e);
    expect((upsertClash as MongoServerError).code).toBe(11000);
    expect(await users.countDocuments()).toBe(2);

    await users.insertOne({ email: "dup@example.com" });
    await users.insertOne({ email: "dup@example.com", name: "x" }).catch(() => undefined);
    expect(await users.countDocuments({ email: "dup@example.com" })).toBe(1);
  });

  it("stop() then restart() without a data file starts empty", async () => {
    const other = await startMongoTestServer();
    const c = new MongoClient(other.url, clientOptions);
    try {
      await c.db().collection("volatile").insertOne({ x: 1 });
      await c.close();
      await other.restart();
      const again = new MongoClient(other.url, clientOptions);
      try {
        expect(await again.db().collection("volatile").countDocuments()).toBe(0);
      } finally {
        await again.close();
      }
    } finally {
      await c.close();
      await other.stop();
    }
  });
});

describe("MongoDB test server lifecycle", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "bws-mongo-test-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the data across stop() and restart() with a data file", async () => {
    const server = await startMongoTestServer({ dataFile: path.join(dir, "installation.json") });
    try {
      const id = new ObjectId();
      const created = new Date("2024-05-06T07:08:09.123Z");
      let client = new MongoClient(server.url, clientOptions);
      await client.connect();
      const tenants = client.db().collection("tenants");
      await tenants.createIndex({ slug: 1 }, { unique: true });
      await tenants.insertMany([
        { _id: id, slug: "acme", created, seats: 5, tags: ["a", "b"], nested: { ok: true } },
        { slug: "globex", created, seats: 7 },
      ]);
      await client.close();

      await server.stop();
      await server.restart();

      client = new MongoClient(server.url, clientOptions);
      try {
        const restored = client.db().collection("tenants");
        expect(await restored.countDocuments()).toBe(2);
        expect(await restored.findOne({ _id: id })).toEqual({
          _id: id,
          slug: "acme",
          created,
          seats: 5,
          tags: ["a", "b"],
          nested: { ok: true },
        });
        const error = await restored.insertOne({ slug: "acme" }).catch((e: unknown) => e);
        expect((error as MongoServerError).code).toBe(11000);
      } finally {
        await client.close();
      }
    } finally {
      await server.stop();
    }
  });

  it("fails fast (within serverSelectionTimeoutMS) when the server is stopped", async (context) => {
    if (process.env.MONGODB_TEST_URL) context.skip(); // a real server cannot be stopped from here
    const server = await startMongoTestServer();
    const client = new MongoClient(server.url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      expect(await client.db().command({ ping: 1 })).toMatchObject({ ok: 1 });
      await server.stop();

      let started = Date.now();
      const inFlight = await client.db().command({ ping: 1 }).catch((e: unknown) => e);
      expect(inFlight).toBeInstanceOf(Error);
      expect(Date.now() - started).toBeLessThan(5_000);

      const fresh = new MongoClient(server.url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
      started = Date.now();
      const refused = await fresh.connect().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MongoServerSelectionError);
      expect(Date.now() - started).toBeLessThan(3_000);
      await fresh.close();
    } finally {
      await client.close();
      await server.stop();
    }
  });
});

describe("withDatabase", () => {
  it("replaces the database and keeps options and the credentials' auth database", () => {
    expect(withDatabase("mongodb://localhost:27017", "x")).toBe("mongodb://localhost:27017/x");
    expect(withDatabase("mongodb://h1:1,h2:2/?replicaSet=rs", "x")).toBe("mongodb://h1:1,h2:2/x?replicaSet=rs");
    expect(withDatabase("mongodb://u:p@h/admin?tls=true", "x")).toBe("mongodb://u:p@h/x?tls=true&authSource=admin");
    expect(withDatabase("mongodb+srv://u:p@cluster.example.net", "x")).toBe("mongodb+srv://u:p@cluster.example.net/x?authSource=admin");
  });
});
