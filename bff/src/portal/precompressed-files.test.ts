import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/** The portal's bundles go out as the brotli/gzip copies the build wrote, as the browser accepts. */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressed portal files", () => {
  let server: TestServer;
  let dist: string;
  const bundle = `console.log(${JSON.stringify("portal ".repeat(400))});`;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), "bws-dist-"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>BWS</title>");
    await writeFile(path.join(dist, "main-ABCDEFGH.js"), bundle);
    await writeFile(path.join(dist, "main-ABCDEFGH.js.br"), brotliCompressSync(bundle));
    await writeFile(path.join(dist, "main-ABCDEFGH.js.gz"), gzipSync(bundle));
    await writeFile(path.join(dist, "plain-ABCDEFGH.css"), "body{}");
    server = await startTestServer({ PORTAL_DIST: dist });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dist, { recursive: true, force: true });
  });

  it("sends the brotli copy to a browser that accepts br, with the bundle's type and caching", async () => {
    const response = await get(`${server.url}/main-ABCDEFGH.js`, "gzip, deflate, br, zstd");
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(response.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(response.body).toString()).toBe(bundle);
    expect(response.body.length).toBeLessThan(bundle.length / 10);
  });

  it("sends the gzip copy when brotli is not accepted or refused with q=0", async () => {
    for (const header of ["gzip", "br;q=0, gzip;q=0.8"]) {
      const response = await get(`${server.url}/main-ABCDEFGH.js`, header);
      expect(response.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(response.body).toString()).toBe(bundle);
    }
  });

  it("sends the file as it is to a client that accepts no encoding, and for files without copies", async () => {
    const identity = await get(`${server.url}/main-ABCDEFGH.js`);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString()).toBe(bundle);
    const css = await get(`${server.url}/plain-ABCDEFGH.css`, "br, gzip");
    expect(css.headers["content-encoding"]).toBeUndefined();
    expect(css.body.toString()).toBe("body{}");
  });

  it("never serves a compressed copy from outside the portal's folder", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "bws-outside-"));
    try {
      await writeFile(path.join(outside, "secret.js"), bundle);
      await writeFile(path.join(outside, "secret.js.br"), brotliCompressSync(bundle));
      const response = await get(`${server.url}/..%2f${path.basename(outside)}%2fsecret.js`, "br");
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.body.toString()).not.toContain("portal portal");
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
