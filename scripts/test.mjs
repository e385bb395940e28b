// `npm test`: every suite, in order, each in its own process; a failing suite does not
// stop the others, and the run fails if any failed.
// - BFF (Vitest) on embedded PGlite; its database-backed files again on PostgreSQL when
//   TEST_POSTGRES_URL is set (bff/vitest.config.ts says which).
// - Portal unit tests (ng test, Vitest).
// - End-to-end (Playwright, Debian Chromium) against a freshly built portal.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensurePinnedNode } from "./pinned-node.mjs";

ensurePinnedNode();

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const env = { ...process.env, NG_CLI_ANALYTICS: "false", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", FORCE_COLOR: "0" };

const suites = [
  { name: "bff (PGlite)", cmd: bin("vitest"), args: ["run", "--config", "bff/vitest.config.ts"], env: { TEST_DATABASE: "pglite" } },
  ...(process.env.TEST_POSTGRES_URL
    ? [{ name: "bff (PostgreSQL)", cmd: bin("vitest"), args: ["run", "--config", "bff/vitest.config.ts"], env: { TEST_DATABASE: "postgres" } }]
    : []),
  { name: "portal", cmd: bin("ng"), args: ["test", "portal", "--watch=false"] },
  { name: "portal build", cmd: "npm", args: ["run", "--silent", "build"] },
  { name: "e2e", cmd: bin("playwright"), args: ["test", "--config", "e2e/playwright.config.ts"] },
];

/** Runs a suite with its output passed through, and keeps that output for the failure digest. */
function run(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.cmd, suite.args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...env, ...suite.env } });
    const chunks = [];
    const keep = (stream) => (chunk) => {
      stream.write(chunk);
      chunks.push(chunk);
    };
    child.stdout.on("data", keep(process.stdout));
    child.stderr.on("data", keep(process.stderr));
    child.on("error", (error) => chunks.push(Buffer.from(String(error))));
    child.on("close", (status) => resolve({ status, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

const digestLines = 150;
/**
 * What a failed suite said about its failures, so that the end of the log (often all a CI
 * page shows) names them: Vitest's "Failed Tests" section or Playwright's numbered
 * failures, else the suite's last lines.
 */
function failureDigest(output) {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const start = lines.findIndex((line) => /⎯ Failed (Tests|Suites) \d+ ⎯|^\s+1\) /.test(line));
  return start >= 0 ? lines.slice(start, start + digestLines) : lines.slice(-60);
}

const only = process.argv.slice(2);
const results = [];
for (const suite of suites) {
  if (only.length && !only.some((word) => suite.name.includes(word))) continue;
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const { status, output } = await run(suite);
  results.push({ name: suite.name, ok: status === 0, seconds: (Date.now() - started) / 1000, output });
}

for (const r of results.filter((r) => !r.ok)) {
  console.log(`\n=== what failed in ${r.name} ===`);
  console.log(failureDigest(r.output).join("\n"));
}
console.log("\n=== summary ===");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.seconds.toFixed(1)} s)`);
if (!process.env.TEST_POSTGRES_URL) console.log("note: TEST_POSTGRES_URL is not set, so the PostgreSQL run was skipped");
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
