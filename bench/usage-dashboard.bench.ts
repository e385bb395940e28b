import { performance } from "node:perf_hooks";
import type { InstallationStore, LogEntryDocument } from "../bff/src/installation-stores/installation-store.ts";
import { importBwsLog } from "../bff/src/bwslog/bwslog-import.ts";
import { testBackend } from "../bff/src/testing/test-database.ts";
import { startTestServer } from "../bff/src/testing/test-server.ts";
import { rollUpStoredEvents } from "../bff/src/usage/rollups-from-events.ts";
import { UsageRecorder } from "../bff/src/usage/usage-events.ts";

/**
 * Usage at scale: BENCH_EVENTS (default 10 million) events over 90 days for 200 clients on
 * 5 installations (skewed: the busiest client has about a tenth of all calls), generated in
 * SQL and rolled up; then
 * - dashboard API latency: one client over 90 days (daily) and 7 days (hourly), an
 *   installation over 90 days, the platform overview over 90 days, a bws-log page;
 * - rollup update throughput of the two write paths (the BFF's recorder, the bwslog import);
 * - database size.
 * Meant for PostgreSQL (`TEST_DATABASE=postgres TEST_POSTGRES_URL=…`); PGlite keeps
 * everything in memory, so use a smaller BENCH_EVENTS there.
 */
const eventCount = Number(process.env["BENCH_EVENTS"] ?? 10_000_000);
const writeEvents = Number(process.env["BENCH_WRITE_EVENTS"] ?? 100_000);
const rounds = Number(process.env["BENCH_ROUNDS"] ?? 30);
const clientCount = 200;
const installationCount = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mb = (bytes: bigint | number) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;

export async function benchUsageDashboard(): Promise<Record<string, string>> {
  const server = await startTestServer({ LOG_LEVEL: "warn" }, { startWorker: false });
  const results: Record<string, string> = { backend: testBackend, events: eventCount.toLocaleString("en") };
  try {
    const { prisma } = server.db;
    const installations: string[] = [];
    for (let i = 0; i < installationCount; i++) {
      const installation = await prisma.installation.create({ data: { name: `bench-inst-${i}`, storages: { create: { name: "bws" } } }, include: { storages: true } });
      installations.push(installation.id);
      await prisma.client.createMany({
        data: Array.from({ length: clientCount / installationCount }, (_, j) => ({
          name: `bench-client-${i * (clientCount / installationCount) + j}`,
          installationId: installation.id,
          storageId: installation.storages[0]!.id,
          partition: j + 1,
          expiresAt: new Date(Date.now() + 365 * 86_400_000),
        })),
      });
    }
    const clients = await prisma.client.findMany({ where: { name: { startsWith: "bench-client-" } }, select: { id: true, name: true, installationId: true } });
    clients.sort((a, b) => Number(a.name.split("-")[2]) - Number(b.name.split("-")[2]));
    await prisma.$executeRawUnsafe(`CREATE TEMP TABLE bench_clients AS SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(client_id, installation_id, n)`, clients.map((c) => c.id), clients.map((c) => c.installationId));

    // Generate: client index skewed by random()^3 (client 1 is the busiest).
    const generated = performance.now();
    const chunk = 500_000;
    for (let done = 0; done < eventCount; done += chunk) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "usage_events" ("at", "client_id", "installation_id", "operation", "result", "error_code", "duration_ms", "instance", "source")
         SELECT now() AT TIME ZONE 'UTC' - random() * interval '90 days', c.client_id, c.installation_id,
                (ARRAY['token','verify','enroll','livenessdetection','identify'])[1 + floor(random() * 5)::int],
                CASE WHEN r < 0.93 THEN 'success' WHEN r < 0.995 THEN 'failure' ELSE 'error' END,
                CASE WHEN r < 0.93 THEN NULL WHEN r < 0.995 THEN (ARRAY['NoFaceFound','NotRecognized','LiveDetectionFailed'])[1 + floor(random() * 3)::int] ELSE 'InternalError' END,
                (20 + random() * random() * 3000)::int, 'bws-' || (1 + floor(random() * 4)::int), 'bws'
         FROM (SELECT 1 + floor(${clientCount} * power(random(), 3))::int AS n, random() AS r FROM generate_series(1, $1::int)) g
         JOIN bench_clients c ON c.n = g.n`,
        Math.min(chunk, eventCount - done),
      );
    }
    results["generate events (s)"] = ((performance.now() - generated) / 1000).toFixed(1);
    const rolled = performance.now();
    await rollUpStoredEvents(prisma, "true");
    const bulkSeconds = (performance.now() - rolled) / 1000;
    results["bulk rollup in SQL (events/s)"] = Math.round(eventCount / bulkSeconds).toLocaleString("en");
    await prisma.$executeRawUnsafe(`ANALYZE`);

    const busiest = clients[0]!;
    const busiestEvents = await prisma.usageEvent.count({ where: { clientId: busiest.id } });
    results["busiest client's events"] = busiestEvents.toLocaleString("en");
    results["rollup rows (full / installation / client totals)"] = [await prisma.usageRollup.count(), await prisma.usageInstallationRollup.count(), await prisma.usageClientTotal.count()]
      .map((n) => n.toLocaleString("en"))
      .join(" / ");

    const now = Date.now();
    const range = (days: number) => `from=${encodeURIComponent(new Date(now - days * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(now).toISOString())}`;
    const token = await server.tokenFor("admin");
    for (const [label, path] of [
      ["client 90 d (daily)", `/api/clients/${busiest.name}/usage?${range(90)}&bucket=day`],
      ["client 7 d (hourly)", `/api/clients/${busiest.name}/usage?${range(7)}&bucket=hour`],
      ["installation 90 d (daily)", `/api/installations/${busiest.installationId}/usage?${range(90)}&bucket=day`],
      ["platform overview 90 d (daily)", `/api/usage/overview?${range(90)}&bucket=day`],
      ["client bws-log 24 h, first page of 50", `/api/clients/${busiest.name}/bwslog?${range(1)}&take=50`],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const response = await server.api(path, { token });
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        await response.json();
        times.push(performance.now() - t0);
      }
      results[`${label} p50/p95 (ms)`] = `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`;
    }

    // Write paths: the recorder (batches of 500) and the bwslog import (batches of 1,000).
    const recorder = new UsageRecorder(prisma, "bench", undefined, { flushMs: 60_000, maxBuffer: 1_000_000 });
    const recorded = performance.now();
    for (let done = 0; done < writeEvents; done += 500) {
      for (let i = 0; i < 500; i++) {
        const client = clients[(done + i) % clients.length]!;
        recorder.record({ clientId: client.id, installationId: client.installationId, operation: i % 2 ? "token" : "livenessdetection", result: i % 20 ? "success" : "failure", errorCode: i % 20 ? undefined : "LiveDetectionFailed", durationMs: 5 + (i % 300) });
      }
      await recorder.flush();
    }
    await recorder.close();
    results["recorder: events + rollups (events/s)"] = Math.round(writeEvents / ((performance.now() - recorded) / 1000)).toLocaleString("en");

    const names = clients.filter((c) => c.installationId === installations[0]).map((c) => c.name);
    const entries: LogEntryDocument[] = Array.from({ length: writeEvents }, (_, i) => ({
      id: i.toString(16).padStart(24, "0"),
      at: new Date(now - 3_600_000 + i * 10),
      client: names[i % names.length]!,
      instance: `bws-${1 + (i % 4)}`,
      operation: ["verify", "enroll", "identify"][i % 3]!,
      result: i % 15 ? "success" : "failure",
      errorCode: i % 15 ? null : "NotRecognized",
      durationMs: 100 + (i % 900),
      bcid: null,
      details: null,
    }));
    const memoryStore = {
      readLogEntries: async (after: { at: Date; id: string } | null, limit: number) => {
        const from = after ? entries.findIndex((e) => e.at > after.at || (e.at.getTime() === after.at.getTime() && e.id > after.id)) : 0;
        return from === -1 ? [] : entries.slice(from, from + limit);
      },
    } as unknown as InstallationStore;
    const imported = performance.now();
    const result = await importBwsLog(prisma, memoryStore, installations[0]!, { batchSize: 1000 });
    if (result.imported !== writeEvents) throw new Error(`imported ${result.imported} of ${writeEvents}`);
    results["bwslog import: events + rollups (events/s)"] = Math.round(writeEvents / ((performance.now() - imported) / 1000)).toLocaleString("en");

    const [size] = await prisma.$queryRawUnsafe<{ db: bigint; events: bigint; rollups: bigint; installation_rollups: bigint; client_totals: bigint }[]>(
      `SELECT pg_database_size(current_database()) AS db, pg_total_relation_size('usage_events') AS events,
              pg_total_relation_size('usage_rollups') AS rollups, pg_total_relation_size('usage_installation_rollups') AS installation_rollups, pg_total_relation_size('usage_client_totals') AS client_totals`,
    );
    results["database size"] = mb(size!.db);
    results["usage_events (table + indexes)"] = mb(size!.events);
    results["usage_rollups (table + indexes)"] = mb(size!.rollups);
    results["usage_installation_rollups (table + indexes)"] = mb(size!.installation_rollups);
    results["usage_client_totals (table + indexes)"] = mb(size!.client_totals);
    return results;
  } finally {
    await server.stop();
  }
}
