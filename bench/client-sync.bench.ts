import { performance } from "node:perf_hooks";
import { MongoClient } from "mongodb";
import { startMongoTestServer } from "../bff/src/installation-stores/testing/mongo-test-server.ts";
import { startTestServer } from "../bff/src/testing/test-server.ts";

/**
 * Time from a client update (PATCH answered) to its document in the installation's MongoDB
 * (p50/p95 over sequential updates), and the import of 10,000 clients on a new connection
 * string. MongoDB is the wire-protocol test server unless MONGODB_TEST_URL is set.
 */
const updates = Number(process.env["BENCH_UPDATES"] ?? 1000);
const importCount = Number(process.env["BENCH_IMPORT_CLIENTS"] ?? 10_000);

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

export async function benchClientSync(): Promise<Record<string, string>> {
  const mongo = await startMongoTestServer();
  const server = await startTestServer({ LOG_LEVEL: "warn" }, { worker: { pollMs: 200 } });
  const reader = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 3000 });
  try {
    const token = await server.tokenFor("admin");
    const call = async (method: string, path: string, body: unknown) => {
      const response = await server.api(path, { method, token, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; importReport?: { counts: Record<string, number> } };
    };
    const installation = await call("POST", "/api/installations", { name: "bench", connectionString: mongo.url });
    await call("POST", "/api/clients", { name: "bench-client", installationId: installation.id, storage: "bws", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const clients = reader.db().collection<{ _id: string; version: number }>("clients");
    const latencies: number[] = [];
    for (let i = 0; i < updates; i++) {
      const t0 = performance.now();
      await call("PATCH", "/api/clients/bench-client", { logging: { retentionDays: (i % 300) + 1 } });
      const version = i + 2;
      while (!(await clients.findOne({ _id: "bench-client", version: { $gte: version } }))) await new Promise((r) => setTimeout(r, 1));
      latencies.push(performance.now() - t0);
    }

    const expiresAt = new Date(Date.now() + 86_400_000);
    const docs = Array.from({ length: importCount }, (_, i) => ({
      _id: `imported-${i}`,
      storage: "bws",
      partition: 1000 + i,
      enabled: true,
      expiresAt,
      identification: false,
      logging: { logImages: false, level: "info", retentionDays: 30 },
      certificates: [],
      webApiKeys: [],
      version: 1,
      updatedAt: new Date(),
    }));
    const importDb = reader.db("bws_import_bench").collection<(typeof docs)[number]>("clients");
    for (let i = 0; i < docs.length; i += 1000) await importDb.insertMany(docs.slice(i, i + 1000));
    const importUrl = mongo.url.replace(/\/[^/?]+(\?|$)/, "/bws_import_bench$1");
    const target = await call("POST", "/api/installations", { name: "import-bench" });
    const t0 = performance.now();
    const result = await call("PATCH", `/api/installations/${target.id}`, { connectionString: importUrl });
    const importMs = performance.now() - t0;

    return {
      "updates measured": String(updates),
      "update -> document p50 (ms)": percentile(latencies, 50).toFixed(1),
      "update -> document p95 (ms)": percentile(latencies, 95).toFixed(1),
      "import clients": String(result.importReport?.counts["imported"] ?? 0),
      "import time (ms)": importMs.toFixed(0),
    };
  } finally {
    await reader.close();
    await server.stop();
    await mongo.stop();
  }
}
