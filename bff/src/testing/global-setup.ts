import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { applyMigrations } from "../db/migrate.ts";
import { pgliteTemplateFile, postgresTemplateName, postgresUrl, testBackend } from "./test-database.ts";

/** Migrates one template database per run; every test file starts from a copy of it. */
export default async function setup(): Promise<void> {
  if (testBackend === "pglite") {
    const db = new PGlite();
    await applyMigrations({
      exec: async (sql) => void (await db.exec(sql)),
      query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    });
    const dump = await db.dumpDataDir("none");
    await mkdir(path.dirname(pgliteTemplateFile), { recursive: true });
    await writeFile(pgliteTemplateFile, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    return;
  }
  const admin = new pg.Client({ connectionString: postgresUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplateName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${postgresTemplateName}`);
  await admin.end();
  const template = new pg.Client({ connectionString: postgresUrl(postgresTemplateName) });
  await template.connect();
  await applyMigrations({
    exec: async (sql) => void (await template.query(sql)),
    query: async <T>(sql: string) => (await template.query(sql)).rows as T[],
  });
  await template.end();
}
