import { globSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

// BFF tests. TEST_DATABASE=postgres (with TEST_POSTGRES_URL) runs the database-backed
// tests against a PostgreSQL server instead of embedded PGlite.
const include = ["src/**/*.test.ts", "../common/**/*.test.ts"];

/**
 * On PostgreSQL only the files whose database the backend decides: those that open one
 * through testing/test-server.ts or testing/test-database.ts. The others (face analysis,
 * worker threads, an embedded PGlite data directory of their own) do exactly the same on
 * either run, and `npm test` runs PGlite first; repeating them cost about 60 s of 240.
 */
function backendDependent(): string[] {
  return globSync(include, { cwd: import.meta.dirname }).filter((file) =>
    /\/testing\/test-(server|database)\.ts"/.test(readFileSync(path.join(import.meta.dirname, file), "utf8")),
  );
}

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: process.env["TEST_DATABASE"] === "postgres" ? backendDependent() : include,
    environment: "node",
    globalSetup: ["src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    // Each worker imports the app once for all its files instead of once per file: on
    // this 2-core machine the PGlite run took 170-205 s instead of 335 s, the PostgreSQL
    // run 106-113 s instead of 160 s (7 December). It holds because no test mocks modules,
    // stubs globals or changes process.env (src/testing/shared-test-process.test.ts
    // checks), spies are restored after each test, and routers are factories with no
    // state of their own. Any file still runs alone (`npx vitest run <file>`), which is
    // how a file that leaned on another's leftovers would show; `--isolate` gives every
    // file a fresh module graph again.
    isolate: false,
    restoreMocks: true,
  },
});
