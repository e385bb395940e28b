import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { applyMigrations, migrationsDir, readMigrations, type MigrationConnection } from "./migrate.ts";

function connection(db: PGlite): MigrationConnection {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
  };
}

describe("applyMigrations", () => {
  it("applies every migration once, with Prisma's bookkeeping, and nothing the second time", async () => {
    const db = new PGlite();
    const names = (await readMigrations()).map((m) => m.name);
    expect(await applyMigrations(connection(db))).toEqual(names);
    expect(await applyMigrations(connection(db))).toEqual([]);
    const rows = await db.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum FROM "_prisma_migrations"`);
    expect(rows.rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    await db.close();
  }, 120_000);

  it("refuses to start when an applied migration was edited", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bws-mig-"));
    await cp(migrationsDir, dir, { recursive: true });
    const db = new PGlite();
    await applyMigrations(connection(db), dir);
    const [first] = await readMigrations(dir);
    await writeFile(path.join(dir, first!.name, "migration.sql"), first!.sql + "\n-- edited\n");
    await expect(applyMigrations(connection(db), dir)).rejects.toThrow(/was changed after it was applied/);
    await db.close();
  });

  it("leaves nothing behind when a migration fails", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bws-mig-"));
    await cp(migrationsDir, dir, { recursive: true });
    const db = new PGlite();
    await applyMigrations(connection(db), dir);
    const broken = path.join(dir, "29991231000000_broken");
    await cp(path.join(dir, (await readMigrations(dir))[0]!.name), broken, { recursive: true });
    await writeFile(path.join(broken, "migration.sql"), 'CREATE TABLE "half_done" (id int);\nSELECT no_such_function();\n');
    await expect(applyMigrations(connection(db), dir)).rejects.toThrow();
    const tables = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(tables.rows).toHaveLength(0);
    const recorded = await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`);
    expect(recorded.rows).toHaveLength(0);
    await db.close();
  });
});
