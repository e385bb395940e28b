// `npm run bench`: speed figures that tests must not assert. Each benchmark prints a table.
// Run one with `npm run bench -- <name>`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { ensurePinnedNode } from "./pinned-node.mjs";

ensurePinnedNode();

const root = path.resolve(import.meta.dirname, "..");
const only = process.argv[2];
const files = readdirSync(path.join(root, "bench")).filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)));
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/run-bench.ts"), path.join(root, "bench", file)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
