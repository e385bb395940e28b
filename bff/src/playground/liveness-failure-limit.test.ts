import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { LivenessFailureLimit } from "./liveness-failure-limit.ts";

describe("LivenessFailureLimit", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.close());

  it("refuses a user with 429 and Retry-After after maxFailures failures in the window, and no one else", async () => {
    const limit = new LivenessFailureLimit(db.prisma, { maxFailures: 3, windowSeconds: 180 });
    const user = randomUUID();
    for (let i = 0; i < 3; i++) {
      await limit.assertAllowed(user);
      await limit.recordFailure(user);
    }
    await expect(limit.assertAllowed(user)).rejects.toMatchObject({ status: 429, headers: { "Retry-After": expect.stringMatching(/^(179|180)$/) } });
    await expect(limit.assertAllowed(randomUUID())).resolves.toBeUndefined();
  });

  it("forgets failures older than the window, and counts nothing when turned off", async () => {
    const limit = new LivenessFailureLimit(db.prisma, { maxFailures: 2, windowSeconds: 60 });
    const user = randomUUID();
    await db.prisma.livenessFailure.createMany({ data: [{ userId: user, at: new Date(Date.now() - 120_000) }, { userId: user, at: new Date(Date.now() - 90_000) }] });
    await expect(limit.assertAllowed(user)).resolves.toBeUndefined();
    await limit.purge();
    expect(await db.prisma.livenessFailure.count({ where: { userId: user } })).toBe(0);
    const off = new LivenessFailureLimit(db.prisma, { maxFailures: 0, windowSeconds: 60 });
    for (let i = 0; i < 5; i++) await off.recordFailure(user);
    await expect(off.assertAllowed(user)).resolves.toBeUndefined();
  });
});
