import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { createLogger } from "../logger.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import type { LimitRule } from "./limit-rule.ts";
import { Limiter } from "./limiter.ts";
import { SharedCounters } from "./shared-counters.ts";

describe("limiter", () => {
  let db: Database;
  let counters: SharedCounters;
  let limiter: Limiter;
  const lines: string[] = [];
  const now = Date.UTC(2030, 0, 1);
  const rule: LimitRule = { name: "test.guesses", windowMs: 60_000, max: 5, delay: { from: 3, firstMs: 1000, maxMs: 1000 }, successClears: true };

  beforeAll(async () => {
    db = await createTestDatabase();
    counters = new SharedCounters(db.prisma, { syncMs: 60_000, clock: () => now });
    limiter = new Limiter(counters, createLogger("info", new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) })));
  });
  afterAll(async () => {
    await counters?.close();
    await db?.close();
  });

  const begin = (key: string) => limiter.begin([{ rule, key }], { source: "203.0.113.1" });

  it("lets parallel attempts on a key without failures through", async () => {
    const started = await Promise.all(Array.from({ length: 6 }, () => begin("clean")));
    expect(started.every((s) => "attempt" in s)).toBe(true);
    for (const s of started) if ("attempt" in s) await s.attempt.end(true);
  });

  it("counts attempts in progress on a key with failures, so a parallel burst cannot pass the delay", async () => {
    await limiter.settle([{ rule, key: "burst" }], false, {});
    await limiter.settle([{ rule, key: "burst" }], false, {});
    const first = await begin("burst");
    expect("attempt" in first).toBe(true);
    const second = await begin("burst");
    expect(second).toMatchObject({ refusal: { blocked: false, retryAfterMs: 1000 } });
    if ("attempt" in first) await first.attempt.end(false);
    expect((await counters.read("burst", rule.windowMs))?.count).toBe(3);
  });

  it("releases an abandoned attempt without counting it (the check could not be made)", async () => {
    // Two failures: one more attempt in progress would reach the delay (see the burst test).
    await limiter.settle([{ rule, key: "abandoned" }], false, {});
    await limiter.settle([{ rule, key: "abandoned" }], false, {});
    const first = await begin("abandoned");
    if (!("attempt" in first)) throw new Error("refused");
    first.attempt.abandon();
    const next = await begin("abandoned");
    expect("attempt" in next).toBe(true);
    await first.attempt.end(false);
    expect((await counters.read("abandoned", rule.windowMs))?.count).toBe(2);
    if ("attempt" in next) next.attempt.abandon();
  });

  it("clears a key on success and logs the start of a block once, without a refused request's line", async () => {
    await limiter.settle([{ rule, key: "cleared" }], false, {});
    const attempt = await begin("cleared");
    if ("attempt" in attempt) await attempt.attempt.end(true);
    expect(await counters.read("cleared", rule.windowMs)).toBeUndefined();

    for (let i = 0; i < 7; i++) await limiter.settle([{ rule, key: "blocked" }], false, { username: "someone" });
    expect(await limiter.check([{ rule, key: "blocked" }])).toMatchObject({ blocked: true, retryAfterMs: 60_000 });
    await limiter.check([{ rule, key: "blocked" }]);
    const reached = lines.filter((line) => line.includes("limit test.guesses reached"));
    expect(reached).toHaveLength(1);
    expect(reached[0]).toContain('"username":"someone"');
  });
});
