import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { type ChangeFeed, pgliteChangeFeed, postgresChangeFeed } from "./change-feed.ts";
import { applyMigrations, type MigrationConnection } from "./migrate.ts";

/**
 * The configuration database: embedded PGlite under $DATA_DIR/pg by default, a PostgreSQL
 * server when DATABASE_URL is set. One Prisma schema and one migrations folder serve both.
 * Migrations are applied before the Prisma client is handed out, and the change feed
 * (notifications for this instance's caches) listens from then on.
 */
export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly prisma: PrismaClient;
  readonly changes: ChangeFeed;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseSource =
  | { kind: "pglite"; dataDir?: string; instance?: PGlite }
  | { kind: "postgres"; url: string; poolSize?: number };

export interface DatabaseOptions {
  /** The PostgreSQL change-notification connection failed (it reconnects by itself). */
  onChangeFeedError?: (error: unknown) => void;
}

export async function openDatabase(source: DatabaseSource, options: DatabaseOptions = {}): Promise<Database> {
  return source.kind === "pglite" ? openPglite(source) : openPostgres(source.url, source.poolSize ?? 10, options);
}

async function openPglite(source: { dataDir?: string; instance?: PGlite }): Promise<Database> {
  let pglite = source.instance;
  if (!pglite) {
    if (!source.dataDir) throw new Error("PGlite needs a data directory or an instance");
    await mkdir(path.dirname(source.dataDir), { recursive: true });
    pglite = new PGlite(source.dataDir);
  }
  const db = pglite;
  await applyMigrations({
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  const changes = await pgliteChangeFeed(db);
  return {
    kind: "pglite",
    prisma,
    changes,
    ping: async () => void (await db.query("SELECT 1")),
    close: async () => {
      await changes.close();
      await prisma.$disconnect();
      if (!db.closed) await db.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server emits 'error'; the pool replaces it on next use.
  pool.on("error", () => {});
  const client = await pool.connect();
  try {
    const connection: MigrationConnection = {
      exec: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    };
    await applyMigrations(connection);
  } finally {
    client.release();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const changes = await postgresChangeFeed(url, options.onChangeFeedError);
  return {
    kind: "postgres",
    prisma,
    changes,
    ping: async () => void (await pool.query("SELECT 1")),
    close: async () => {
      await changes.close();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
