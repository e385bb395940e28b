import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Applies prisma/migrations at start without Prisma's native schema engine.
 * Rules:
 * - Same bookkeeping as `prisma migrate deploy`: the `_prisma_migrations` table, sha256
 *   checksums of migration.sql, migrations applied in folder-name order.
 * - Each migration and its bookkeeping row run as one simple-protocol script, which
 *   PostgreSQL executes as one transaction: a failing migration leaves nothing behind.
 * - A session advisory lock (Prisma's own lock id) lets several instances start at once.
 * - A changed checksum of an applied migration stops start-up: history must not be edited.
 */
export interface MigrationConnection {
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
}

export const migrationsDir = path.resolve(import.meta.dirname, "../../../prisma/migrations");
const advisoryLockId = 72707369;
const namePattern = /^\d{14}_[a-z0-9_]+$/;

const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && namePattern.test(e.name)).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Returns the names of the migrations it applied. */
export async function applyMigrations(db: MigrationConnection, dir = migrationsDir): Promise<string[]> {
  const migrations = await readMigrations(dir);
  await db.query(`SELECT pg_advisory_lock(${advisoryLockId})`);
  try {
    await db.exec(bookkeeping);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row?.finished_at) {
        if (row.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      if (row) throw new Error(`Migration ${migration.name} failed earlier and needs manual repair.`);
      await db.exec(
        `${migration.sql}\n;\nINSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") ` +
          `VALUES ('${randomUUID()}', '${migration.checksum}', now(), '${migration.name}', now(), 1);`,
      );
      done.push(migration.name);
    }
    return done;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${advisoryLockId})`);
  }
}
