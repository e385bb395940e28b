// `npm start`: builds the portal when its build is missing or older than its sources,
// then runs the BFF (which applies migrations, seeds demo data and serves everything).
import { spawn } from "node:child_process";
import path from "node:path";
import { ensurePinnedNode } from "./pinned-node.mjs";
import { buildPortalIfStale } from "./portal-build.mjs";

ensurePinnedNode();

const root = path.resolve(import.meta.dirname, "..");
try {
  buildPortalIfStale();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const bff = spawn(process.execPath, ["--import", "tsx", path.join(root, "bff/src/main.ts")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => bff.kill(signal));
bff.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
