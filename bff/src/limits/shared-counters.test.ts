import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../db/database.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { SharedCounters } from "./shared-counters.ts";

/**
 * Two instances' counters on one database (on PostgreSQL each with its own connection
 * pool), synced explicitly; the timers are far off so only the tests sync.
 */
describe("shared counters", () => {
  let db: Database & { url?: string };
  let other: Database;
  let now = Date.UTC(2030, 0, 1);
  const clock = () => now;
  const windowMs = 60_000;
  const created: SharedCounters[] = [];
  const instance = (database: Database) => {
    const counters = new SharedCounters(database.prisma, { syncMs: 60_000, clock });
    created.push(counters);
    return counters;
  };
  const countTimes = (counters: SharedCounters, key: string, times: number) => {
    for (let i = 0; i < times; i++) counters.count(key, windowMs);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    other = db.url ? await openDatabase({ kind: "postgres", url: db.url, poolSize: 2 }) : db;
  });
  afterEach(async () => {
    await Promise.all(created.splice(0).map((counters) => counters.close()));
  });
  afterAll(async () => {
    if (other !== db) await other.close();
    await db?.close();
  });

  it("adds two instances' counts into one total that each sees after it synced once", async () => {
    const a = instance(db);
    const b = instance(other);
    await a.read("sum", windowMs);
    await b.read("sum", windowMs);
    countTimes(a, "sum", 3);
    countTimes(b, "sum", 2);
    expect((await a.read("sum", windowMs))?.count, "A sees only its own counts before a sync").toBe(3);
    await a.sync();
    await b.sync();
    expect((await b.read("sum", windowMs))?.count).toBe(5);
    await a.sync();
    expect((await a.read("sum", windowMs))?.count).toBe(5);
    expect((await db.prisma.limitCounter.findUniqueOrThrow({ where: { key: "sum" } })).count).toBe(5);
  });

  it("reads a key this instance has never used from the database before answering", async () => {
    const a = instance(db);
    const b = instance(other);
    countTimes(a, "fresh", 4);
    await a.sync();
    expect((await b.read("fresh", windowMs))?.count).toBe(4);
  });

  it("sends every key's counts and refreshes every used key in one statement per sync", async () => {
    const a = instance(db);
    for (let i = 0; i < 50; i++) a.count(`batch-${i}`, windowMs);
    for (let i = 0; i < 20; i++) await a.read(`batch-read-${i}`, windowMs);
    const statements = vi.spyOn(db.prisma, "$queryRawUnsafe");
    try {
      await a.sync();
      expect(statements).toHaveBeenCalledTimes(1);
    } finally {
      statements.mockRestore();
    }
    expect(await db.prisma.limitCounter.count({ where: { key: { startsWith: "batch-" } } })).toBe(50);
  });

  it("clears a key on every instance when one resets it", async () => {
    const a = instance(db);
    const b = instance(other);
    countTimes(a, "reset", 5);
    await a.sync();
    expect((await b.read("reset", windowMs))?.count).toBe(5);
    a.reset("reset", windowMs);
    expect(await a.read("reset", windowMs)).toBeUndefined();
    await a.sync();
    await b.sync();
    expect((await b.read("reset", windowMs))?.count ?? 0).toBe(0);
    b.count("reset", windowMs);
    await b.sync();
    expect((await b.read("reset", windowMs))?.count).toBe(1);
  });

  it("starts a new window at the first event after the old one ended", async () => {
    const a = instance(db);
    const b = instance(other);
    countTimes(a, "window", 7);
    await a.sync();
    now += windowMs;
    expect(await b.read("window", windowMs)).toBeUndefined();
    countTimes(b, "window", 2);
    await b.sync();
    const row = await db.prisma.limitCounter.findUniqueOrThrow({ where: { key: "window" } });
    expect(row.count).toBe(2);
    expect(row.windowStart.getTime()).toBe(now);
    expect((await b.read("window", windowMs))?.expiresAt).toBe(now + windowMs);
  });

  it("keeps the counts of a failed sync and sends them with the next one", async () => {
    const a = instance(db);
    countTimes(a, "retry", 3);
    const failing = vi.spyOn(db.prisma, "$queryRawUnsafe").mockRejectedValueOnce(new Error("connection lost"));
    try {
      await a.sync();
    } finally {
      failing.mockRestore();
    }
    expect(await db.prisma.limitCounter.findUnique({ where: { key: "retry" } })).toBeNull();
    expect((await a.read("retry", windowMs))?.count).toBe(3);
    a.count("retry", windowMs);
    await a.sync();
    expect((await db.prisma.limitCounter.findUniqueOrThrow({ where: { key: "retry" } })).count).toBe(4);
  });

  it("purges rows whose window ended more than a minute ago", async () => {
    const a = instance(db);
    countTimes(a, "old", 1);
    await a.sync();
    now += windowMs + 61_000;
    countTimes(a, "new", 1);
    await a.sync();
    await a.purge();
    expect(await db.prisma.limitCounter.findUnique({ where: { key: "old" } })).toBeNull();
    expect(await db.prisma.limitCounter.findUnique({ where: { key: "new" } })).not.toBeNull();
  });
});
