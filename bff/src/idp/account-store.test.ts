import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../crypto/password-hash.ts";
import type { Database } from "../db/database.ts";
import { ServiceUnavailableError } from "../errors.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { ConcurrencyGate } from "../workers/concurrency-gate.ts";
import { AccountStore } from "./account-store.ts";

/** Sign-ins pass the password-hashing gate: a flood beyond it is refused with 503 instead of queueing without end. */
describe("AccountStore", () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.user.create({ data: { subject: "sub-ada", username: "ada", displayName: "Ada", passwordHash: await hashSecret("right") } });
  });
  afterAll(async () => db?.close());

  it("accepts the right password and refuses a wrong one and an unknown user", async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queueLimit: 10, what: "checking passwords" });
    const store = new AccountStore(db.prisma, gate);
    expect(await store.authenticate("ada", "right")).toMatchObject({ subject: "sub-ada", username: "ada" });
    expect(await store.authenticate("ada", "wrong")).toBeUndefined();
    expect(await store.authenticate("nobody", "right")).toBeUndefined();
  });

  it("answers a sign-in with the gate's 503 and Retry-After while the gate and its waiting line are full, and signs in again once they drain", async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queueLimit: 1, what: "checking passwords" });
    const store = new AccountStore(db.prisma, gate);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const occupying = [gate.run(() => held), gate.run(() => held)];
    const refused = await store.authenticate("ada", "right").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused).toMatchObject({ status: 503, headers: { "Retry-After": "2" }, message: expect.stringMatching(/busy checking passwords/) });
    release();
    await Promise.all(occupying);
    expect(await store.authenticate("ada", "right")).toMatchObject({ username: "ada" });
  });
});
