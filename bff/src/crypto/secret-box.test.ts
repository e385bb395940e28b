import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataKey } from "./data-key.ts";
import { hashSecret, verifySecret } from "./password-hash.ts";
import { SecretBox } from "./secret-box.ts";

describe("SecretBox", () => {
  const box = new SecretBox(randomBytes(32));

  it("round-trips a value as a dir/A256GCM compact JWE that does not contain it", async () => {
    const sealed = await box.seal("connection-string", "mongodb://user:hunter2@db/bws");
    expect(sealed.split(".")).toHaveLength(5);
    expect(sealed).not.toContain("hunter2");
    const header = JSON.parse(Buffer.from(sealed.split(".")[0]!, "base64url").toString());
    expect(header).toMatchObject({ alg: "dir", enc: "A256GCM" });
    expect(await box.open("connection-string", sealed)).toBe("mongodb://user:hunter2@db/bws");
  });

  it("refuses a value sealed for another purpose or under another key", async () => {
    const sealed = await box.seal("private-key", "k");
    await expect(box.open("connection-string", sealed)).rejects.toThrow(/not a connection-string/);
    await expect(new SecretBox(randomBytes(32)).open("private-key", sealed)).rejects.toThrow();
  });
});

describe("loadDataKey", () => {
  it("generates a key once into DATA_DIR with mode 0600 and reuses it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bws-key-"));
    const first = await loadDataKey(dir);
    const second = await loadDataKey(dir);
    expect(Buffer.from(second)).toEqual(Buffer.from(first));
    expect(first).toHaveLength(32);
    expect((await stat(path.join(dir, "data-key"))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dir, "data-key"), "utf8")).trim()).toHaveLength(43);
  });

  it("prefers DATA_KEY when it is configured", async () => {
    const key = randomBytes(32);
    expect(Buffer.from(await loadDataKey("/nonexistent", key.toString("base64url")))).toEqual(key);
  });
});

describe("password hashes", () => {
  it("verifies the right secret and rejects a wrong one", async () => {
    const hash = await hashSecret("demo");
    expect(hash).not.toContain("demo");
    expect(await verifySecret("demo", hash)).toBe(true);
    expect(await verifySecret("Demo", hash)).toBe(false);
    expect(await verifySecret("demo", "garbage")).toBe(false);
  });
});
