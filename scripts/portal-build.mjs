// Builds the portal when its build is missing or older than its sources (`npm start` and
// the benchmarks that load the portal in a browser).
import { existsSync, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

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

export function buildPortalIfStale() {
  if (!portalIsStale()) return;
  console.log("Building the portal (only when its sources changed)…");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/@angular/cli/bin/ng.js"), "build", "portal"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NG_CLI_ANALYTICS: "false" },
  });
  if (build.status !== 0) throw new Error(`the portal build failed (exit ${build.status})`);
  const compress = spawnSync(process.execPath, [path.join(root, "scripts/compress-portal.mjs")], { cwd: root, stdio: "inherit" });
  if (compress.status !== 0) throw new Error(`compressing the portal failed (exit ${compress.status})`);
}

