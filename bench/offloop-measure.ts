import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import jpeg from "jpeg-js";
import { encryptedPkcs8Pem, makeTestCertificate } from "../bff/src/testing/test-certificates.ts";

/**
 * Issue #10's two reproductions, measured from outside over HTTP against a running BFF
 * (started as `npm start` does, with a known scripts secret):
 *
 *   DATA_DIR=$(mktemp -d) PORT=8201 DEMO_USAGE_DAYS=0 SCRIPTS_CLIENT_SECRET=bench-scripts-secret-0123 \
 *     node --import tsx bff/src/main.ts &
 *   node --import tsx bench/offloop-measure.ts http://127.0.0.1:8201 <pid of the BFF>
 *
 * While each scenario runs, a separate process asks /healthz every 50 ms (so the load this
 * script generates does not delay the samples); each scenario prints its latency (p50,
 * p99, max) and the BFF's resident memory (VmRSS/VmHWM from /proc when a pid is given).
 * Loopback only, every loop bounded in count and time.
 */
const sampling = process.argv[2] === "--sample";
const base = process.argv[sampling ? 3 : 2] ?? "http://127.0.0.1:8201";
const pid = process.argv[3];
const scriptsSecret = process.env["SCRIPTS_CLIENT_SECRET"] ?? "bench-scripts-secret-0123";

const require = createRequire(import.meta.url);
const photo = jpeg.decode(readFileSync(path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg")), {
  useTArray: true,
  formatAsRGBA: true,
});

function photoJpeg(x: number, y: number, width: number, height: number, quality: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * photo.width + x) * 4;
    data.set(photo.data.subarray(start, start + width * 4), row * width * 4);
  }
  return jpeg.encode({ data, width, height }, quality).data;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN;
};

function memory(): string {
  if (!pid) return "-";
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Math.round(Number(/(\d+) kB/.exec(status.split("\n").find((line) => line.startsWith(name)) ?? "")?.[1] ?? 0) / 1024);
  return `RSS ${field("VmRSS:")} MB, peak ${field("VmHWM:")} MB`;
}

/**
 * In the sampling process: /healthz every 50 ms (for at most 15 minutes); on each message
 * from the parent, the latencies since the previous one go back to it.
 */
async function sampleUntilStopped(): Promise<void> {
  let latencies: number[] = [];
  /** When the request in flight was sent, or when the current window began if that was later. */
  let inFlightSince: number | undefined;
  process.on("message", (message) => {
    // A request still waiting counts with the time it has waited so far in this window.
    const now = performance.now();
    process.send!(inFlightSince === undefined ? latencies : [...latencies, now - inFlightSince]);
    latencies = [];
    if (inFlightSince !== undefined) inFlightSince = now;
    if (message === "stop") process.exit(0);
  });
  const until = Date.now() + 900_000;
  while (Date.now() < until) {
    inFlightSince = performance.now();
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - inFlightSince);
    inFlightSince = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.exit(0);
}

const sampler = sampling ? undefined : fork(import.meta.filename, ["--sample", base], { execArgv: ["--import", "tsx"] });

/** The /healthz latencies the sampler saw since it was last asked. */
function healthSince(message: "collect" | "stop" = "collect"): Promise<string> {
  return new Promise((resolve) => {
    sampler!.once("message", (values: number[]) =>
      resolve(`/healthz p50 ${percentile(values, 0.5).toFixed(0)} ms, p99 ${percentile(values, 0.99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (${values.length} samples)`),
    );
    sampler!.send(message);
  });
}

async function accessToken(username: string): Promise<string> {
  const response = await fetch(`${base}/oidc/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "password", username, password: "demo", client_id: "bws-scripts", client_secret: scriptsSecret, scope: "managebws" }),
  });
  if (!response.ok) throw new Error(`password grant: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function playgroundToken(access: string): Promise<string> {
  const response = await fetch(`${base}/api/clients/demo-client/playground/token`, { method: "POST", headers: { authorization: `Bearer ${access}` } });
  return ((await response.json()) as { token: string }).token;
}

async function livenessPost(token: string, body: string): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${base}/extension/livenessdetection`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, text: text.slice(0, 160) };
}

/** An unauthenticated post of `size` bytes, sent as fast as the server takes it. */
function unauthenticatedPost(size: number): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(`${base}/extension/livenessdetection`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(size) } });
    request.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
    });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size && !request.destroyed) {
        sent += chunk.length;
        if (!request.write(sent > size ? chunk.subarray(0, size - (sent - chunk.length)) : chunk)) return void request.once("drain", pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
}

async function scenario(name: string, run: () => Promise<string>) {
  await healthSince();
  const result = await run();
  console.log(`\n${name}\n  ${result}\n  ${await healthSince()}\n  ${memory()}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

if (sampling) {
  await sampleUntilStopped();
  await new Promise(() => {});
}

const viewer = await accessToken("viewer");
const editor = await accessToken("editor");
console.log(`BFF at ${base}; ${memory()}`);

// The sampler's own start (a second tsx process) takes a moment.
await new Promise((resolve) => setTimeout(resolve, 5000));
await scenario("idle", async () => {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return "3 s without load";
});

const issueFrame = photoJpeg(0, 0, 1280, 960, 30).toString("base64");
const issueBody = JSON.stringify({ frames: Array.from({ length: 60 }, (_, i) => ({ t: i * 100, image: issueFrame })) });
await scenario(`issue row 1: 60 frames of 1280x960 (${(issueBody.length / 1e6).toFixed(1)} MB body)`, async () => {
  const answer = await livenessPost(await playgroundToken(viewer), issueBody);
  return `answer ${answer.status} after ${answer.ms.toFixed(0)} ms: ${answer.text}`;
});

const maxFrame = photoJpeg(610, 290, 640, 480, 85).toString("base64");
const maxBody = JSON.stringify({ frames: Array.from({ length: 60 }, (_, i) => ({ t: i * 100, image: maxFrame })) });
await scenario(`one maximum valid attempt: 60 frames of 640x480 (${(maxBody.length / 1e6).toFixed(1)} MB body)`, async () => {
  const answer = await livenessPost(await playgroundToken(viewer), maxBody);
  return `answer ${answer.status} after ${answer.ms.toFixed(0)} ms: ${answer.text}`;
});

await scenario("3 parallel posters of maximum valid attempts for 30 s", async () => {
  const until = Date.now() + 30_000;
  const statuses = new Map<number, number>();
  const durations: number[] = [];
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let i = 0; i < 100 && Date.now() < until; i++) {
        const answer = await livenessPost(await playgroundToken(viewer), maxBody);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 200) durations.push(answer.ms);
        if (answer.status === 503) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
  );
  return `answers ${[...statuses].map(([status, count]) => `${count}x ${status}`).join(", ")}; judged in p50 ${percentile(durations, 0.5).toFixed(0)} ms, max ${Math.max(...durations).toFixed(0)} ms`;
});

await scenario("139 unauthenticated 12.6 MB posts, 4 at a time (at most 20 s)", async () => {
  const until = Date.now() + 20_000;
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      while (next < 139 && Date.now() < until) {
        next++;
        results.push(await unauthenticatedPost(12_600_000));
      }
    }),
  );
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  return `${results.length} posts: ${[...statuses].map(([status, count]) => `${count}x ${status || "connection closed"}`).join(", ")}; answered in p50 ${percentile(results.map((r) => r.ms), 0.5).toFixed(0)} ms`;
});

await scenario("issue row 2: PKCS#8 key with 1,000,000 iterations and a wrong password, uploaded by an Editor", async () => {
  const certificate = makeTestCertificate({ commonName: "bench-iterations" });
  const installations = (await (await fetch(`${base}/api/installations`, { headers: { authorization: `Bearer ${editor}` } })).json()) as { items: { id: string; name: string }[] };
  const demo = installations.items.find((installation) => installation.name === "demo")!;
  const body = JSON.stringify({ certificatePem: certificate.certificatePem, privateKeyPem: encryptedPkcs8Pem(certificate.privateKeyPem, "right", 1_000_000), privateKeyPassword: "wrong" });
  const started = performance.now();
  const response = await fetch(`${base}/api/installations/${demo.id}/certificates`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${editor}` },
    body,
  });
  return `answer ${response.status} after ${(performance.now() - started).toFixed(0)} ms: ${(await response.text()).slice(0, 200)}`;
});

await healthSince("stop");
