import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The project runs on the Node.js LTS pinned as the `node` dependency (npm scripts find it
 * in node_modules/.bin ahead of the machine's own Node), never on an unsupported runtime.
 */
describe("the runtime", () => {
  const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    engines: { node: string };
  };

  it("is the Node.js version package.json pins", () => {
    expect(process.versions.node).toBe(manifest.dependencies["node"]);
  });

  it("is a Node.js 24 LTS release, as engines says", () => {
    expect(Number(process.versions.node.split(".")[0])).toBe(24);
    expect(manifest.engines.node).toMatch(/^>=24\./);
  });
});
