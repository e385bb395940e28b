import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, migrationsDir, type MigrationConnection } from "../db/migrate.ts";

/**
 * Migration 20261206063901_installation_rollups fills the installation rollups and the
 * per-client totals of a database that already holds usage (a demo data directory, an
 * upgraded installation) from its usage_rollups.
 */
describe("the installation rollups migration on a database with usage", () => {
  const target = "20261206063901_installation_rollups";
  let db: PGlite;
  let connection: MigrationConnection;
  let before: string;

  beforeAll(async () => {
    before = await mkdtemp(path.join(tmpdir(), "bws-migrations-"));
    for (const name of (await readdir(migrationsDir)).filter((n) => n < target)) {
      await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    }
    db = new PGlite();
    connection = { exec: async (sql) => void (await db.exec(sql)), query: async <T>(sql: string) => (await db.query<T>(sql)).rows };
    await applyMigrations(connection, before);
  });
  afterAll(async () => {
    await db?.close();
    await rm(before, { recursive: true, force: true });
  });

  it("sums usage_rollups per installation, instance, result and error code, and per client", async () => {
    const inst = "11111111-1111-4111-8111-111111111111";
    const [c1, c2] = ["22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"];
    const row = (client: string, instance: string, operation: string, result: string, count: number, buckets: number[]) =>
      `('day', '2026-11-30', '${client}', '${inst}', '${instance}', '${operation}', '${result}', '', ${count}, ${count * 10}, '{${buckets.join(",")}}')`;
    await db.exec(`INSERT INTO usage_rollups (granularity, bucket_start, client_id, installation_id, instance, operation, result, error_code, count, duration_sum_ms, duration_buckets) VALUES
      ${row(c1, "a", "verify", "success", 3, [1, 2, 0, 0, 0, 0, 0, 0, 0, 0])},
      ${row(c1, "a", "token", "success", 4, [4, 0, 0, 0, 0, 0, 0, 0, 0, 0])},
      ${row(c2, "a", "verify", "success", 5, [0, 0, 5, 0, 0, 0, 0, 0, 0, 0])},
      ${row(c2, "b", "verify", "failure", 2, [0, 0, 0, 0, 0, 0, 0, 0, 0, 2])}`);
    expect(await applyMigrations(connection)).toContain(target);
    const installation = await db.query<{ instance: string; result: string; count: number; duration_sum_ms: string; duration_buckets: number[] }>(
      `SELECT instance, result, count, duration_sum_ms::text, duration_buckets FROM usage_installation_rollups ORDER BY instance, result`,
    );
    expect(installation.rows).toEqual([
      { instance: "a", result: "success", count: 12, duration_sum_ms: "120", duration_buckets: [5, 2, 5, 0, 0, 0, 0, 0, 0, 0] },
      { instance: "b", result: "failure", count: 2, duration_sum_ms: "20", duration_buckets: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2] },
    ]);
    const totals = await db.query<{ client_id: string; count: number }>(`SELECT client_id::text, count FROM usage_client_totals ORDER BY client_id`);
    expect(totals.rows).toEqual([
      { client_id: c1, count: 7 },
      { client_id: c2, count: 7 },
    ]);
  });
});
