import { benchDatabases, callApi, passwordGrant, startBffProcess } from "./support/bff-process.ts";
import { startHelloWorld } from "./support/hello-world-process.ts";
import { describeLoad, runLoad, type LoadResult } from "./support/load.ts";

/**
 * Throughput as users meet it: the BFF started as `npm start` starts it, driven over HTTP by
 * autocannon in another process (BENCH_CONNECTIONS, default 16, for BENCH_SECONDS, default
 * 10), next to a bare Express 5 hello-world driven the same way in the same run. On PGlite
 * and, with TEST_POSTGRES_URL, on PostgreSQL. Targets (issue #12): the token API at ≥ 50% of
 * hello-world on PostgreSQL and ≥ 25% on PGlite with p99 < 20 ms; Management API reads
 * ≥ 1,000 req/s on PostgreSQL with p99 < 10 ms.
 */
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 16);
const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);

export async function benchHttp(): Promise<Record<string, string>> {
  const results: Record<string, string> = { "connections / seconds": `${connections} / ${seconds}` };
  const hello = await startHelloWorld();
  try {
    for (const database of benchDatabases()) {
      const bff = await startBffProcess(database, { TOKEN_RATE_LIMIT_PER_MINUTE: "0" });
      try {
        const token = await passwordGrant(bff, "owner");
        const key = await callApi<{ appId: string; appSecret: string }>(bff, token, "POST", "/api/clients/demo-client/keys", {});
        const basic = `Basic ${Buffer.from(`${key.appId}:${key.appSecret}`).toString("base64")}`;
        const targets: { label: string; url: string; headers: Record<string, string> }[] = [
          { label: "GET /extension/token", url: `${bff.url}/extension/token?id=${encodeURIComponent(key.appId)}&bcid=bws.1.4711&challenge=true`, headers: { authorization: basic } },
          { label: "GET /api/me", url: `${bff.url}/api/me`, headers: { authorization: `Bearer ${token}` } },
          { label: "GET /api/clients", url: `${bff.url}/api/clients`, headers: { authorization: `Bearer ${token}` } },
          { label: "GET /api/clients/demo-client", url: `${bff.url}/api/clients/demo-client`, headers: { authorization: `Bearer ${token}` } },
        ];
        // Warm up code paths and caches (JIT, introspection cache, prepared statements).
        for (const target of targets) await runLoad({ url: target.url, headers: target.headers, connections: 4, seconds: 2 });
        const baseline: LoadResult = await runLoad({ url: hello.url, connections, seconds });
        results[`${database}: express hello-world`] = describeLoad(baseline);
        for (const target of targets) {
          const result = await runLoad({ url: target.url, headers: target.headers, connections, seconds });
          results[`${database}: ${target.label}`] = describeLoad(result, baseline);
        }
      } finally {
        await bff.stop();
      }
    }
  } finally {
    await hello.stop();
  }
  return results;
}
