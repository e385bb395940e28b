import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { callApi, passwordGrant, startBffProcess, type BffProcess } from "./support/bff-process.ts";
import { livenessBody, slowKeyCertificateBody } from "./hostile/payloads.ts";

/**
 * Hostile load (issue #10): each attack runs at full speed for BENCH_SECONDS (default 30)
 * from its own process against the BFF started as `npm start` starts it, while a
 * legitimate Owner reads GET /api/clients/demo-client and /healthz every 50 ms from
 * another process. Prints the Owner's p50/p99 with and without each attack, and how the
 * attack's requests ended (status counts). Target: the Owner's p99 under 100 ms throughout.
 */
const seconds = Number(process.env["BENCH_SECONDS"] ?? 30);
const root = path.resolve(import.meta.dirname, "..");

interface ProbeResult {
  client: { p50: number; p99: number; max: number; requests: number; failures: number };
  health: { p50: number; p99: number; max: number; requests: number; failures: number };
}

function runChild(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "bench/hostile", script), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").at(-1)!) : reject(new Error(`${script} exited with ${code}`))));
  });
}

const probe = (bff: BffProcess, token: string) => runChild("probe.ts", [bff.url, token, String(seconds)]).then((out) => JSON.parse(out) as ProbeResult);

const describe = (r: ProbeResult) =>
  `client p50 ${r.client.p50.toFixed(1)} / p99 ${r.client.p99.toFixed(1)} ms (max ${r.client.max.toFixed(0)}, ${r.client.failures} failed); ` +
  `/healthz p50 ${r.health.p50.toFixed(1)} / p99 ${r.health.p99.toFixed(1)} ms (max ${r.health.max.toFixed(0)})`;

/** The largest liveness attempt the server still judges (it may cap frames or pixels). */
async function largestAcceptedLiveness(bff: BffProcess, viewerToken: string): Promise<{ body: string; frames: number }> {
  for (let frames = 60; frames >= 1; frames = Math.floor(frames / 2)) {
    const body = livenessBody(frames);
    const { token } = await callApi<{ token: string }>(bff, viewerToken, "POST", "/api/clients/demo-client/playground/token");
    const response = await fetch(`${bff.url}/extension/livenessdetection`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
    await response.arrayBuffer();
    if (response.ok) return { body, frames };
  }
  throw new Error("the server judged no liveness attempt of 1280×720 frames");
}

export async function benchHostile(): Promise<Record<string, string>> {
  const bff = await startBffProcess("pglite");
  const dir = await mkdtemp(path.join(tmpdir(), "bws-hostile-"));
  const results: Record<string, string> = { "seconds per attack": String(seconds) };
  try {
    const [owner, viewer, editor] = [await passwordGrant(bff, "owner"), await passwordGrant(bff, "viewer"), await passwordGrant(bff, "editor")];
    const installation = (await callApi<{ items: { id: string; name: string }[] }>(bff, owner, "GET", "/api/installations")).items.find((i) => i.name === "demo")!;
    const liveness = await largestAcceptedLiveness(bff, viewer);
    const attacks = [
      { label: `3 parallel liveness attempts of ${liveness.frames} frames of 1280×720`, kind: "liveness", parallel: 3, viewerToken: viewer, livenessBody: liveness.body },
      { label: "certificate upload, PKCS#8 with 1,000,000 iterations, wrong password", kind: "certificate", parallel: 1, editorToken: editor, installationId: installation.id, certificateBody: slowKeyCertificateBody() },
      { label: "login form guessing owner's password (8 parallel)", kind: "login-form", parallel: 8 },
      { label: "password grant guessing owner's password (8 parallel)", kind: "password-grant", parallel: 8, scriptsSecret: bff.scriptsSecret },
      { label: "12 MB unauthenticated liveness bodies (8 parallel)", kind: "unauthenticated-body", parallel: 8, bodyBytes: 12 * 1024 * 1024 },
    ];
    results["no attack"] = describe(await probe(bff, owner));
    for (const [i, attack] of attacks.entries()) {
      const file = path.join(dir, `attack-${i}.json`);
      await writeFile(file, JSON.stringify({ ...attack, base: bff.url, seconds }));
      const [legit, outcome] = await Promise.all([probe(bff, owner), runChild("attack.ts", [file])]);
      results[`${attack.label}: Owner`] = describe(legit);
      results[`${attack.label}: attack's answers`] = Object.entries(JSON.parse(outcome) as Record<string, number>).map(([status, n]) => `${status}×${n}`).join(", ");
      // Let the server settle (queues drain, blocks stay) before the next attack.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const rss = await fetch(`${bff.url}/healthz`).then((r) => r.ok);
    results["server still healthy"] = String(rss);
  } finally {
    await bff.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
