import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { RecordingStoreFactory } from "../testing/recording-store-factory.ts";
import { startMongoTestServer, type MongoTestServer } from "../installation-stores/testing/mongo-test-server.ts";
import { createLogger } from "../logger.ts";
import { startServer, type RunningServer } from "../server.ts";
import { testBackend } from "../testing/test-database.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * Two BFF instances on one PostgreSQL database share the outbox: every change is
 * delivered by exactly one of them (row locks with SKIP LOCKED), in order per client.
 * PGlite is embedded in one process, so this runs on the PostgreSQL pass only.
 */

describe.skipIf(testBackend !== "postgres")("two instances on one PostgreSQL", () => {
  const dataKey = randomBytes(32).toString("base64url");
  const first = new RecordingStoreFactory();
  const second = new RecordingStoreFactory();
  let mongo: MongoTestServer;
  let a: TestServer;
  let b: RunningServer;

  beforeAll(async () => {
    mongo = await startMongoTestServer();
    a = await startTestServer({ DATA_KEY: dataKey }, { storeFactory: first, worker: { pollMs: 20, batchSize: 5 } });
    const url = (a.db as { url?: string }).url!;
    const config = parseConfig({ PORT: "0", PUBLIC_URL: "http://127.0.0.1:0", DATA_DIR: await mkdtemp(path.join(tmpdir(), "bws-b-")), DATA_KEY: dataKey, DEMO_DATA: "false", WORKER_PRELOAD_MODELS: "false" });
    const quiet = createLogger("warn", new Writable({ write: (_c, _e, done) => done() }));
    b = await startServer(config, quiet, { database: await openDatabase({ kind: "postgres", url, poolSize: 5 }), storeFactory: second, worker: { pollMs: 20, batchSize: 5 } });
  });
  afterAll(async () => {
    await b?.close();
    await b?.db.close();
    await a?.stop();
    await mongo?.stop();
  });

  it("delivers each change once, in order per client, sharing the work", async () => {
    const call = (method: string, pathname: string, body: unknown) => a.call<{ id: string }>("admin", method, pathname, body);
    const installation = await call("POST", "/api/installations", { name: "shared", connectionString: mongo.url });
    const names = Array.from({ length: 20 }, (_, i) => `shared-${i}`);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await Promise.all(names.map((name) => call("POST", "/api/clients", { name, installationId: installation.id, storage: "bws", expiresAt })));
    for (let round = 0; round < 5; round++) {
      await Promise.all(names.map((name) => call("PATCH", `/api/clients/${name}`, { logging: { retentionDays: round + 2 } })));
    }
    await expect.poll(() => a.db.prisma.outboxMessage.count({ where: { status: "pending" } }), { timeout: 30_000 }).toBe(0);

    const writes = [...first.writes, ...second.writes].filter((w) => w.outcome === "written");
    const delivered = await a.db.prisma.outboxMessage.count({ where: { status: "delivered" } });
    const keys = writes.map((w) => `${w.name}@${w.version}`);
    expect(new Set(keys).size, "no version written twice").toBe(keys.length);
    expect(writes.length).toBeLessThanOrEqual(delivered);
    expect(first.writes.length + second.writes.length).toBe(delivered);
    for (const name of names) {
      const row = await a.db.prisma.client.findUniqueOrThrow({ where: { name } });
      const versions = writes.filter((w) => w.name === name).map((w) => w.version);
      expect(Math.max(...versions), `${name} ends at its newest version`).toBe(row.version);
    }
    expect(first.writes.length, "instance A delivered some").toBeGreaterThan(0);
    expect(second.writes.length, "instance B delivered some").toBeGreaterThan(0);
  }, 90_000);
});
