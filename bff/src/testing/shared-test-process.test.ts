import { globSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * bff/vitest.config.ts runs every file of a worker in one process (`isolate: false`), so
 * a test file must leave nothing behind that another file could trip over: no mocked
 * modules, no stubbed globals or environment, no writes to process.env. Spies are
 * restored after each test by the config (`restoreMocks`).
 */
const FORBIDDEN: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bvi\.(do)?mock\(/, what: "mocks a module" },
  { pattern: /\bvi\.stub(Env|Global)\(/, what: "stubs the environment or a global" },
  { pattern: /process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete\s+process\.env|Object\.assign\(\s*process\.env/, what: "writes to process.env" },
];

const root = path.resolve(import.meta.dirname, "../..");
const testFiles = globSync(["src/**/*.test.ts", "../common/**/*.test.ts"], { cwd: root }).filter((file) => !file.includes("node_modules"));

describe("test files sharing a worker process", () => {
  it("finds the test files it checks", () => {
    expect(testFiles.length).toBeGreaterThan(50);
    expect(testFiles).toContain(path.join("src", "testing", "shared-test-process.test.ts"));
  });

  it("leave no module mocks, stubbed globals or environment writes behind", () => {
    const offences = testFiles.flatMap((file) => {
      const source = readFileSync(path.join(root, file), "utf8");
      return FORBIDDEN.filter(({ pattern }) => pattern.test(source) && !file.endsWith("shared-test-process.test.ts")).map(({ what }) => `${file} ${what}`);
    });
    expect(offences).toEqual([]);
  });

  it("recognises each kind of leftover", () => {
    const samples = ['vi.mock("../db/database.ts")', 'vi.stubEnv("PORT", "1")', 'process.env.PORT = "1"', 'process.env["PORT"] = "1"', "delete process.env.PORT"];
    for (const sample of samples) expect(FORBIDDEN.some(({ pattern }) => pattern.test(sample)), sample).toBe(true);
    expect(FORBIDDEN.some(({ pattern }) => pattern.test('process.env["PORT"] === "1"'))).toBe(false);
  });
});
