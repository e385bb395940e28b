import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import express from "express";
import { startTestServer } from "../bff/src/testing/test-server.ts";

/**
 * Token Web API throughput (GET /extension/token with Basic auth, PGlite by default or
 * PostgreSQL with TEST_DATABASE=postgres) next to a bare Express hello-world in the same
 * run, both driven by the same closed-loop client (concurrency C for S seconds).
 */
const concurrency = Number(process.env["BENCH_CONCURRENCY"] ?? 16);
const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);

async function drive(url: string, headers: Record<string, string>): Promise<{ rps: number; p50: number; p95: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (!response.ok) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p95: latencies[Math.floor(latencies.length * 0.95)]!,
    errors,
  };
}

export async function benchTokenApi(): Promise<Record<string, string>> {
  const hello = express();
  hello.get("/", (_req, res) => void res.type("text/plain").send("hello"));
  const helloServer = createServer(hello);
  await new Promise<void>((resolve) => helloServer.listen(0, "127.0.0.1", resolve));
  const server = await startTestServer({ LOG_LEVEL: "warn", TOKEN_RATE_LIMIT_PER_MINUTE: "0" });
  try {
    const created = await server.api("/api/clients/demo-client/keys", { method: "POST", token: await server.tokenFor("owner"), body: "{}" });
    const { appId, appSecret } = (await created.json()) as { appId: string; appSecret: string };
    const authorization = `Basic ${Buffer.from(`${appId}:${appSecret}`).toString("base64")}`;
    const baseline = await drive(`http://127.0.0.1:${(helloServer.address() as AddressInfo).port}/`, {});
    const token = await drive(`${server.url}/extension/token?id=${encodeURIComponent(appId)}&bcid=bws.1.4711&challenge=true`, { authorization });
    const row = (label: string, r: typeof token) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, errors ${r.errors}`;
    return {
      database: server.db.kind,
      "concurrency / seconds": `${concurrency} / ${seconds}`,
      "express hello-world": row("hello", baseline),
      "GET /extension/token": row("token", token),
    };
  } finally {
    await server.stop();
    helloServer.close();
  }
}
