// `npm test`: every suite, in order, each in its own process; a failing suite does not
// stop the others, and the run fails if any failed.
// - BFF (Vitest) on embedded PGlite, and again on PostgreSQL when TEST_POSTGRES_URL is set.
// - Portal unit tests (ng test, Vitest).
// - End-to-end (Playwright, Debian Chromium) against a freshly built portal.
import { spawnSync } from "node:child_process";
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

const only = process.argv.slice(2);
const results = [];
for (const suite of suites) {
  if (only.length && !only.some((word) => suite.name.includes(word))) continue;
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const run = spawnSync(suite.cmd, suite.args, { cwd: root, stdio: "inherit", env: { ...env, ...suite.env } });
  results.push({ name: suite.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log("\n=== summary ===");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.seconds.toFixed(1)} s)`);
if (!process.env.TEST_POSTGRES_URL) console.log("note: TEST_POSTGRES_URL is not set, so the PostgreSQL run was skipped");
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
