/**
 * The legitimate user during an attack, in its own process: an Owner reading
 * GET /api/clients/demo-client and the load balancer asking /healthz, each every 50 ms
 * (a new request starts when the last one answered or the interval passed), for the given
 * seconds. Prints the latencies' p50/p99 and failures as JSON.
 * argv: <base url> <owner access token> <seconds>
 */
const [base, token, secondsText] = process.argv.slice(2) as [string, string, string];
const seconds = Number(secondsText);
const intervalMs = 50;

interface Series {
  latencies: number[];
  failures: number;
}

async function probe(url: string, headers: Record<string, string>, into: Series, end: number): Promise<void> {
  while (Date.now() < end) {
    const started = performance.now();
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (!response.ok) into.failures++;
    } catch {
      into.failures++;
    }
    const took = performance.now() - started;
    into.latencies.push(took);
    if (took < intervalMs) await new Promise((resolve) => setTimeout(resolve, intervalMs - took));
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};

const end = Date.now() + seconds * 1000;
const client: Series = { latencies: [], failures: 0 };
const health: Series = { latencies: [], failures: 0 };
await Promise.all([
  probe(`${base}/api/clients/demo-client`, { authorization: `Bearer ${token}` }, client, end),
  probe(`${base}/healthz`, {}, health, end),
]);
const summary = (s: Series) => ({ p50: percentile(s.latencies, 50), p99: percentile(s.latencies, 99), max: Math.max(...s.latencies), requests: s.latencies.length, failures: s.failures });
console.log(JSON.stringify({ client: summary(client), health: summary(health) }));
