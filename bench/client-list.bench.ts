import { performance } from "node:perf_hooks";
import { startTestServer } from "../bff/src/testing/test-server.ts";

/**
 * Client list with 10,000 clients: API latency of the portal's queries (first page by
 * name, sorted by expiry, filtered, deep page) as admin and as an installation Owner.
 */
const clientCount = Number(process.env["BENCH_CLIENTS"] ?? 10_000);
const rounds = Number(process.env["BENCH_ROUNDS"] ?? 50);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchClientList(): Promise<Record<string, string>> {
  const server = await startTestServer({ LOG_LEVEL: "warn" });
  try {
    const { prisma } = server.db;
    const installation = await prisma.installation.findUniqueOrThrow({ where: { name: "demo" }, include: { storages: true } });
    const storageId = installation.storages[0]!.id;
    const seeded = performance.now();
    const expiresAt = Date.now() + 86_400_000;
    for (let start = 0; start < clientCount; start += 1000) {
      await prisma.client.createMany({
        data: Array.from({ length: Math.min(1000, clientCount - start) }, (_, i) => ({
          name: `bench-client-${String(start + i).padStart(5, "0")}`,
          installationId: installation.id,
          storageId,
          partition: 100 + start + i,
          expiresAt: new Date(expiresAt + (start + i) * 60_000),
        })),
      });
    }
    const seedMs = performance.now() - seeded;
    const results: Record<string, string> = { clients: String(await prisma.client.count()), "seed (ms)": seedMs.toFixed(0) };
    for (const username of ["admin", "owner"]) {
      const token = await server.tokenFor(username);
      for (const [label, query] of [
        ["first page by name", "?limit=50"],
        ["sorted by expiry desc", "?sort=expiresAt&dir=desc&limit=50"],
        ["filtered 'client-09'", "?q=client-09&limit=50"],
        ["page 150 of 200", "?offset=7450&limit=50"],
      ] as const) {
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const t0 = performance.now();
          const response = await server.api(`/api/clients${query}`, { token });
          await response.json();
          times.push(performance.now() - t0);
        }
        results[`${username}: ${label} p50/p95 (ms)`] = `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`;
      }
    }
    return results;
  } finally {
    await server.stop();
  }
}
