import { defineConfig } from "vitest/config";

// BFF tests. TEST_DATABASE=postgres (with TEST_POSTGRES_URL) runs the database-backed
// tests against a PostgreSQL server instead of embedded PGlite.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["src/**/*.test.ts", "../common/**/*.test.ts"],
    environment: "node",
    globalSetup: ["src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
