import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { FakeChangeFeed } from "../testing/fake-change-feed.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { WebApiKeyCache } from "./web-api-key-cache.ts";

describe("WebApiKeyCache", () => {
  let db: Database;
  let clientId: string;
  let installationId: string;
  let queries = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    const installation = await db.prisma.installation.create({ data: { name: "cache", endpointUrls: ["https://bws.example"], storages: { create: { name: "bws" } } }, include: { storages: true } });
    installationId = installation.id;
    const client = await db.prisma.client.create({
      data: { name: "cached-client", installationId, storageId: installation.storages[0]!.id, partition: 7, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    clientId = client.id;
    await db.prisma.webApiKey.create({ data: { appId: "1.1.app.cache", clientId, secretHash: "sha256$x" } });
  });
  afterAll(async () => db?.close());

  function cache(feed: FakeChangeFeed) {
    const prisma = db.prisma.$extends({ query: { webApiKey: { findUnique: ({ args, query }) => (queries++, query(args)) } } });
    return new WebApiKeyCache(prisma as unknown as typeof db.prisma, feed);
  }

  it("loads a key with its client's storage, partition and audience once", async () => {
    queries = 0;
    const subject = cache(new FakeChangeFeed());
    const record = await subject.find("1.1.app.cache");
    expect(record?.client).toMatchObject({ name: "cached-client", partition: 7, storageName: "bws", audience: "https://bws.example" });
    await subject.find("1.1.app.cache");
    expect(queries).toBe(1);
  });

  it.each([
    ["its key", "web_api_keys", () => "1.1.app.cache"],
    ["its client", "clients", () => clientId],
    ["its installation", "installations", () => installationId],
    ["its installation's storages", "storages", () => installationId],
  ])("reloads a key after a change to %s is announced", async (_case, table, key) => {
    queries = 0;
    const feed = new FakeChangeFeed();
    const subject = cache(feed);
    await subject.find("1.1.app.cache");
    feed.notify(table, key());
    await subject.find("1.1.app.cache");
    expect(queries).toBe(2);
  });

  it("remembers an unknown App-ID until a key with that App-ID is announced", async () => {
    queries = 0;
    const feed = new FakeChangeFeed();
    const subject = cache(feed);
    expect(await subject.find("9.9.app.unknown")).toBeNull();
    expect(await subject.find("9.9.app.unknown")).toBeNull();
    expect(queries).toBe(1);
    feed.notify("web_api_keys", "9.9.app.unknown");
    await subject.find("9.9.app.unknown");
    expect(queries).toBe(2);
  });

  it("reads through while the change feed is down", async () => {
    queries = 0;
    const feed = new FakeChangeFeed();
    const subject = cache(feed);
    feed.healthy = false;
    await subject.find("1.1.app.cache");
    await subject.find("1.1.app.cache");
    expect(queries).toBe(2);
  });
});
