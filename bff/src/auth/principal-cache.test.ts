import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { FakeChangeFeed } from "../testing/fake-change-feed.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { PrincipalCache } from "./principal-cache.ts";

describe("PrincipalCache", () => {
  let db: Database;
  let userId: string;
  let queries = 0;
  const token = { active: true, sub: "subject-1", username: "cached" };

  beforeAll(async () => {
    db = await createTestDatabase();
    userId = (await db.prisma.user.create({ data: { subject: "subject-1", username: "cached", displayName: "Cached" } })).id;
  });
  afterAll(async () => db?.close());

  function counting(feed: FakeChangeFeed, maxAgeMs?: number, now?: () => number) {
    const prisma = db.prisma.$extends({ query: { user: { findUnique: ({ args, query }) => (queries++, query(args)) } } });
    return new PrincipalCache(prisma as unknown as typeof db.prisma, feed, maxAgeMs, 10_000, now);
  }

  it("loads a principal once and answers from memory afterwards", async () => {
    queries = 0;
    const cache = counting(new FakeChangeFeed());
    expect((await cache.load("subject-1", token)).username).toBe("cached");
    await cache.load("subject-1", token);
    expect(queries).toBe(1);
  });

  it("reloads a user after a change to their row or permissions is announced", async () => {
    queries = 0;
    const feed = new FakeChangeFeed();
    const cache = counting(feed);
    await cache.load("subject-1", token);
    feed.notify("permissions", userId);
    await cache.load("subject-1", token);
    feed.notify("users", userId);
    await cache.load("subject-1", token);
    feed.notify("permissions", "another-user");
    await cache.load("subject-1", token);
    expect(queries).toBe(3);
  });

  it("reads through while the feed is down and forgets everything on a reset", async () => {
    queries = 0;
    const feed = new FakeChangeFeed();
    const cache = counting(feed);
    await cache.load("subject-1", token);
    feed.healthy = false;
    await cache.load("subject-1", token);
    await cache.load("subject-1", token);
    expect(queries).toBe(3);
    feed.reset();
    feed.healthy = true;
    await cache.load("subject-1", token);
    await cache.load("subject-1", token);
    expect(queries).toBe(4);
  });

  it("keeps an entry no longer than its maximum age", async () => {
    queries = 0;
    let now = 1_000;
    const cache = counting(new FakeChangeFeed(), 500, () => now);
    await cache.load("subject-1", token);
    now += 499;
    await cache.load("subject-1", token);
    now += 2;
    await cache.load("subject-1", token);
    expect(queries).toBe(2);
  });
});
