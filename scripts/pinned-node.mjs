// The project runs on the Node.js LTS that package.json pins as its `node` dependency
// (installed by `npm install` into node_modules/.bin). npm scripts find it first on PATH;
// a script started another way (`node scripts/start.mjs` on the machine's own Node)
// re-runs itself on the pinned runtime instead of running on an unsupported one.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const pinned = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).dependencies.node;
const pinnedNode = path.join(root, "node_modules/node/bin/node");

export function ensurePinnedNode() {
  if (process.versions.node === pinned) return;
  if (!existsSync(pinnedNode)) {
    console.error(`This project runs on Node.js ${pinned}; run 'npm install' first (it installs that runtime into node_modules).`);
    process.exit(1);
  }
  const binDir = path.join(root, "node_modules/.bin");
  const run = spawnSync(pinnedNode, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}` },
  });
  process.exit(run.status ?? 1);
}
