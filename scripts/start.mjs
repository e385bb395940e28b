// `npm start`: builds the portal when its build is missing or older than its sources,
// then runs the BFF (which applies migrations, seeds demo data and serves everything).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ensurePinnedNode } from "./pinned-node.mjs";

ensurePinnedNode();

const root = path.resolve(import.meta.dirname, "..");
const builtIndex = path.join(root, "dist/portal/browser/index.html");

function newestMtime(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function portalIsStale() {
  if (process.env.PORTAL_DIST) return false;
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = [path.join(root, "portal"), path.join(root, "angular.json"), path.join(root, "package-lock.json")];
  return sources.some((source) => existsSync(source) && newestMtime(source) > built);
}

if (portalIsStale()) {
  console.log("Building the portal (only when its sources changed)…");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/@angular/cli/bin/ng.js"), "build", "portal"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NG_CLI_ANALYTICS: "false" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const compress = spawnSync(process.execPath, [path.join(root, "scripts/compress-portal.mjs")], { cwd: root, stdio: "inherit" });
  if (compress.status !== 0) process.exit(compress.status ?? 1);
}

const bff = spawn(process.execPath, ["--import", "tsx", path.join(root, "bff/src/main.ts")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => bff.kill(signal));
bff.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
