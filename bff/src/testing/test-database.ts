import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, type Database } from "../db/database.ts";

/**
 * A fresh, migrated database per test file, on the backend TEST_DATABASE names:
 * - pglite (default): an in-memory PGlite loaded from the template global-setup dumped.
 * - postgres: a new database on TEST_POSTGRES_URL's server, copied from a template database.
 */
export const testBackend = process.env["TEST_DATABASE"] === "postgres" ? "postgres" : "pglite";
export const pgliteTemplateFile = path.resolve(import.meta.dirname, "../../../.test-data/pglite-template.tar");
/** One template per checkout, so test runs of two working trees on one server do not collide. */
export const postgresTemplateName = `bws_test_template_${createHash("sha256").update(path.resolve(import.meta.dirname)).digest("hex").slice(0, 8)}`;

export function postgresUrl(database: string): string {
  const base = process.env["TEST_POSTGRES_URL"];
  if (!base) throw new Error("TEST_DATABASE=postgres needs TEST_POSTGRES_URL");
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** `url` is set for PostgreSQL, so a second instance can open the same database. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (testBackend === "pglite") {
    const template = await readFile(pgliteTemplateFile);
    return openDatabase({ kind: "pglite", instance: new PGlite({ loadDataDir: new Blob([template]) }) });
  }
  const name = `bws_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl("postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ kind: "postgres", url: postgresUrl(name), poolSize: 5 });
  return {
    ...db,
    url: postgresUrl(name),
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl("postgres") });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
