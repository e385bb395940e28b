import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Load from another process: autocannon's CLI (a devDependency) with JSON output, so the
 * load generator never shares an event loop with the server or with the bench itself.
 */
export interface LoadOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const cli = path.resolve(import.meta.dirname, "../../node_modules/autocannon/autocannon.js");

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const args = [cli, "--json", "-c", String(options.connections ?? 16), "-d", String(options.seconds ?? 10), "-m", options.method ?? "GET"];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}=${value}`);
  if (options.body !== undefined) args.push("-b", options.body);
  args.push(options.url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`autocannon exited with ${code}`))));
  });
  const result = JSON.parse(output) as AutocannonJson;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function describeLoad(result: LoadResult, baseline?: LoadResult): string {
  const ratio = baseline ? ` (${((result.rps / baseline.rps) * 100).toFixed(1)}% of hello-world)` : "";
  const failures = result.non2xx + result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : "";
  return `${result.rps.toFixed(0)} req/s${ratio}, p50 ${result.p50} ms, p99 ${result.p99} ms${failures}`;
}
