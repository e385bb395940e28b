import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TokenIntrospector } from "./token-introspector.ts";

// A stand-in issuer that counts introspection calls and answers what the test says.
let calls = 0;
let answer: Record<string, unknown> = { active: false };
let status = 200;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    calls++;
    req.resume();
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/introspect`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls = 0;
  status = 200;
});

function introspector(now: () => number, options: { maxCacheAgeMs?: number; canCache?: () => boolean } = {}) {
  return new TokenIntrospector({ endpoint: async () => endpoint, clientId: "bff", clientSecret: "s", now, ...options });
}

const sha256Hex = (token: string) => createHash("sha256").update(token).digest("hex");

describe("TokenIntrospector", () => {
  it("caches an active answer for the configured age (30 s by default) and no longer", async () => {
    let now = 1_000_000_000_000;
    answer = { active: true, sub: "u", scope: "managebws", exp: now / 1000 + 3600 };
    const subject = introspector(() => now);
    await subject.introspect("t1");
    now += 29_999;
    await subject.introspect("t1");
    expect(calls).toBe(1);
    now += 2;
    await subject.introspect("t1");
    expect(calls).toBe(2);
    const configured = introspector(() => now, { maxCacheAgeMs: 5_000 });
    await configured.introspect("t1b");
    now += 5_001;
    await configured.introspect("t1b");
    expect(calls).toBe(4);
  });

  it("asks again after a token was evicted by its SHA-256", async () => {
    answer = { active: true, sub: "u", scope: "managebws", exp: Date.now() / 1000 + 3600 };
    const subject = introspector(Date.now);
    await subject.introspect("t6");
    await subject.introspect("t6");
    expect(calls).toBe(1);
    subject.evict(sha256Hex("t6"));
    await subject.introspect("t6");
    expect(calls).toBe(2);
  });

  it("does not cache an answer asked for before the token was evicted", async () => {
    answer = { active: true, sub: "u", scope: "managebws", exp: Date.now() / 1000 + 3600 };
    const subject = introspector(Date.now);
    const racing = subject.introspect("t7");
    subject.evict(sha256Hex("t7"));
    await racing;
    await subject.introspect("t7");
    expect(calls).toBe(2);
  });

  it("caches nothing while revocations could go unnoticed", async () => {
    answer = { active: true, sub: "u", scope: "managebws", exp: Date.now() / 1000 + 3600 };
    let feedUp = false;
    const subject = introspector(Date.now, { canCache: () => feedUp });
    await subject.introspect("t8");
    await subject.introspect("t8");
    expect(calls).toBe(2);
    feedUp = true;
    await subject.introspect("t8");
    await subject.introspect("t8");
    expect(calls).toBe(3);
  });

  it("caches an active answer no longer than the token's exp", async () => {
    let now = 1_000_000_000_000;
    answer = { active: true, sub: "u", scope: "managebws", exp: now / 1000 + 10 };
    const subject = introspector(() => now);
    await subject.introspect("t2");
    now += 10_001;
    await subject.introspect("t2");
    expect(calls).toBe(2);
  });

  it("never caches an inactive answer", async () => {
    answer = { active: false };
    const subject = introspector(() => 1_000_000_000_000);
    await subject.introspect("t3");
    await subject.introspect("t3");
    expect(calls).toBe(2);
  });

  it("turns an error answer of the issuer into 503", async () => {
    status = 401;
    await expect(introspector(Date.now).introspect("t4")).rejects.toMatchObject({ status: 503 });
  });

  it("reads the issuer's 400 unsupported_token_type or invalid_token as an inactive token, without caching it", async () => {
    for (const error of ["unsupported_token_type", "invalid_token"]) {
      status = 400;
      answer = { error, error_description: "Structured JWT Tokens cannot be introspected via the introspection_endpoint" };
      calls = 0;
      const subject = introspector(Date.now);
      expect(await subject.introspect("eyJhbGciOiJIUzI1NiJ9.e30.x")).toEqual({ active: false });
      await subject.introspect("eyJhbGciOiJIUzI1NiJ9.e30.x");
      expect(calls).toBe(2);
    }
  });

  it("keeps 503 for the issuer's other 400 answers and for a refused BFF credential", async () => {
    for (const [code, error] of [[400, "invalid_request"], [400, "invalid_client"], [401, "invalid_client"], [400, undefined]] as const) {
      status = code;
      answer = error ? { error } : { unexpected: true };
      await expect(introspector(Date.now).introspect("t6"), `${code} ${error}`).rejects.toMatchObject({ status: 503 });
    }
  });

  it("turns an unreachable issuer into 503", async () => {
    const subject = new TokenIntrospector({ endpoint: async () => "http://127.0.0.1:9/x", clientId: "a", clientSecret: "b" });
    await expect(subject.introspect("t5")).rejects.toMatchObject({ status: 503 });
  });
});
