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
  },
});
