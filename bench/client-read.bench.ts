import { performance } from "node:perf_hooks";
import { clientRowByName } from "../bff/src/clients/client-rows.ts";
import { startTestServer } from "../bff/src/testing/test-server.ts";

/**
 * One client's info read the two ways the BFF could: Prisma's `findUnique` with the
 * relations and counts client info shows (three round trips and the ORM's own work), and
 * the one plain SQL statement the BFF uses (client-rows.ts). Sequential reads inside one
 * process: this measures the database access alone, not HTTP (`npm run bench -- http`
 * does). PGlite by default, PostgreSQL with TEST_DATABASE=postgres.
 */
const reads = Number(process.env["BENCH_READS"] ?? 3000);

export async function benchClientRead(): Promise<Record<string, string>> {
  const server = await startTestServer({ LOG_LEVEL: "warn" }, { startWorker: false });
  try {
    const { prisma, sql } = server.db;
    const prismaRead = () =>
      prisma.client.findUnique({
        where: { name: "demo-client" },
        select: {
          id: true, name: true, partition: true, expiresAt: true, identification: true, logImages: true, logLevel: true, logRetentionDays: true,
          version: true, createdAt: true, updatedAt: true, installationId: true,
          installation: { select: { id: true, name: true, endpointUrls: true } },
          storage: { select: { name: true } },
          _count: { select: { keys: true, certificates: true } },
        },
      });
    const sqlRead = () => clientRowByName(sql, "demo-client");
    const results: Record<string, string> = { database: server.db.kind, reads: String(reads) };
    for (const [label, read] of [["Prisma findUnique with relations and counts", prismaRead], ["one plain SQL statement", sqlRead]] as const) {
      for (let i = 0; i < 200; i++) await read();
      const t0 = performance.now();
      for (let i = 0; i < reads; i++) await read();
      const ms = performance.now() - t0;
      results[label] = `${Math.round(reads / (ms / 1000)).toLocaleString("en")} reads/s, ${((ms / reads) * 1000).toFixed(0)} µs each`;
    }
    return results;
  } finally {
    await server.stop();
  }
}
