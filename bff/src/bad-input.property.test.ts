import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "./testing/db-snapshot.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

/**
 * Property: whatever a client sends to a write route (missing fields, wrong types, huge
 * strings, unknown ids, garbage JSON), the answer is never a 5xx; a 4xx carries a JSON
 * Message and leaves the database as it was. Calls are made as the platform administrator,
 * so validation, not access control, is what answers.
 */
describe("bad input to every write route", () => {
  let server: TestServer;
  let token: string;
  let demoId: string;

  const routes = (): { method: string; path: string }[] => [
    { method: "POST", path: "/api/installations" },
    { method: "PATCH", path: `/api/installations/${demoId}` },
    { method: "POST", path: "/api/clients" },
    { method: "PATCH", path: "/api/clients/demo-client" },
    { method: "POST", path: "/api/clients/demo-client/owners" },
    { method: "PUT", path: `/api/installations/${demoId}/permissions/${crypto.randomUUID()}` },
    { method: "PUT", path: "/api/clients/demo-client/permissions/not-a-user" },
    { method: "POST", path: `/api/installations/${demoId}/certificates` },
    { method: "POST", path: `/api/clients/demo-client/certificates/${crypto.randomUUID()}/pkcs12` },
    { method: "POST", path: "/api/clients/demo-client/keys" },
    { method: "POST", path: "/api/clients/demo-client/keys/unknown-app/rotate" },
  ];

  const hugeString = fc.constantFrom("x".repeat(5000), "ä".repeat(20_000), "\u0000".repeat(100), "'; DROP TABLE clients; --", "\udc00", "a\ud800b", "x\u0000y");
  const scalar = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), hugeString, fc.uuid());
  const knownFields = fc.constantFrom(
    "name", "installationId", "storage", "partition", "expiresAt", "identification", "logging", "endpointUrls", "storages",
    "connectionString", "role", "userId", "mode", "certificatePem", "privateKeyPem", "pkcs12", "password", "label", "overlapHours",
  );
  const body = fc.oneof(
    fc.dictionary(fc.oneof(knownFields, fc.string()), fc.oneof(scalar, fc.array(scalar), fc.dictionary(fc.string(), scalar)), { maxKeys: 6 }),
    fc.array(scalar),
    scalar,
  );

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.tokenFor("admin");
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => server?.stop());

  async function send(method: string, path: string, payload: string) {
    return server.api(path, { method, token, body: payload, headers: { "content-type": "application/json" } });
  }

  it("answers random JSON bodies with 4xx and a Message, never 5xx, changing nothing", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes()), body, async (route, value) => {
        const before = await snapshotDatabase(server.db.prisma);
        const response = await send(route.method, route.path, JSON.stringify(value));
        expect(response.status, `${route.method} ${route.path} ${JSON.stringify(value).slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400) {
          refused++;
          const answer = (await response.json()) as { Message?: unknown };
          expect(typeof answer.Message).toBe("string");
          expect(await snapshotDatabase(server.db.prisma)).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(250);
  }, 120_000);

  it("answers unreadable and oversized bodies with 400/413 and a Message", async () => {
    for (const route of routes()) {
      for (const [payload, status] of [
        ["{not json", 400],
        [JSON.stringify({ name: "x".repeat(2_000_000) }), 413],
      ] as const) {
        const response = await send(route.method, route.path, payload);
        expect(response.status, `${route.method} ${route.path}`).toBe(status);
        expect(((await response.json()) as { Message: string }).Message).toMatch(/\S/);
      }
    }
  });

  it("answers random query strings of the reading and scripting routes with 2xx or 4xx and a Message, never 5xx", async () => {
    const readRoutes = [
      "/api/clients/demo-client/bwslog",
      `/api/installations/${demoId}/bwslog`,
      "/api/clients/demo-client/usage",
      `/api/installations/${demoId}/usage`,
      "/api/usage/overview",
      "/api/clients/demo-client/classes",
      "/api/clients/demo-client/samples",
    ];
    const queryValue = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom("2026-13-45T99:99:99Z", "-1", "1e9", "NaN", "hour", "day", "week", "success", "%", "\u0000", "x".repeat(3000)),
    );
    const queryField = fc.constantFrom("from", "to", "bucket", "take", "skip", "maxclasses", "operation", "result", "errorCode", "instance", "client");
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...readRoutes), fc.dictionary(queryField, queryValue, { maxKeys: 5 }), async (path, query) => {
        const url = `${path}?${new URLSearchParams(query)}`;
        const response = await server.api(url, { token });
        expect(response.status, url.slice(0, 300)).toBeLessThan(500);
        if (response.status >= 400) expect(((await response.json()) as { Message?: unknown }).Message, url.slice(0, 300)).toMatch(/\S/);
        answered++;
      }),
      { numRuns: 200 },
    );
    expect(answered).toBe(200);
  }, 120_000);

  it("answers NUL and lone surrogates in paths, queries and bodies with 400 and a Message, never 5xx, changing nothing", async () => {
    const unsafe = fc
      .tuple(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("\u0000", "\ud800", "\udc00", "\udbff!", "\u0000\udfff"), fc.string({ unit: "binary", maxLength: 12 }))
      .map((parts) => parts.join(""));
    const inPath = (text: string) => [
      { method: "GET", url: `/api/clients/${percentEncode(text)}` },
      { method: "GET", url: `/api/clients/${percentEncode(text)}/bwslog` },
      { method: "GET", url: `/api/installations/${percentEncode(text)}` },
      { method: "DELETE", url: `/api/clients/demo-client/keys/${percentEncode(text)}` },
      { method: "GET", url: `/extension/token/${percentEncode(text)}` },
    ];
    const inQuery = (text: string) => [
      { method: "GET", url: `/api/clients?q=${percentEncode(text)}` },
      { method: "GET", url: `/api/users?q=${percentEncode(text)}` },
      { method: "GET", url: `/api/clients/demo-client/bwslog?operation=${percentEncode(text)}` },
      { method: "GET", url: `/api/installations/${demoId}/usage?${percentEncode(text)}=1` },
      { method: "GET", url: `/extension/token?id=${percentEncode(text)}` },
    ];
    await fc.assert(
      fc.asyncProperty(
        unsafe,
        fc.nat(),
        fc.constantFrom("path", "query", "body"),
        fc.constantFrom(...routes()),
        knownFields,
        async (text, pick, where, route, field) => {
          const before = await snapshotDatabase(server.db.prisma);
          const candidates = where === "path" ? inPath(text) : inQuery(text);
          const call = where === "body" ? { method: route.method, url: route.path } : candidates[pick % candidates.length]!;
          const response =
            where === "body"
              ? await send(call.method, call.url, JSON.stringify({ [field]: text }))
              : await server.api(call.url, { method: call.method, token });
          const label = `${where} ${call.method} ${call.url} ${JSON.stringify(text)}`;
          expect(response.status, label).toBe(400);
          const answer = (await response.json()) as { Message?: unknown; Code?: unknown };
          expect(answer.Message, label).toMatch(/\S/);
          expect(["InvalidText", "BadRequest"], label).toContain(answer.Code);
          expect(await snapshotDatabase(server.db.prisma), label).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
    expect(server.logs.filter((line) => line.includes("unhandled error"))).toEqual([]);
  }, 120_000);

  it("answers unknown or malformed ids in paths with 4xx and a Message", async () => {
    const paths = [
      ["PATCH", `/api/installations/${crypto.randomUUID()}`, { endpointUrls: [] }],
      ["PATCH", "/api/installations/%00%ff", { endpointUrls: [] }],
      ["PATCH", `/api/clients/${"n".repeat(500)}`, { identification: true }],
      ["DELETE", "/api/clients/no-such-client", undefined],
      ["DELETE", `/api/installations/${crypto.randomUUID()}/certificates/${crypto.randomUUID()}`, undefined],
      ["PUT", `/api/clients/demo-client/certificates/${crypto.randomUUID()}`, undefined],
      ["DELETE", "/api/clients/demo-client/keys/nope", undefined],
      ["DELETE", `/api/installations/${demoId}/permissions/${crypto.randomUUID()}`, undefined],
      ["DELETE", "/api/clients/demo-client/classes/99999999999999999999", undefined],
      ["DELETE", "/api/clients/demo-client/classes/1/%00", undefined],
      ["GET", "/api/clients/demo-client/samples/abc/image", undefined],
      ["GET", "/api/clients/demo-client/samples/123456/image", undefined],
      ["GET", "/api/clients/demo-client/%C0/classcount", undefined],
    ] as const;
    for (const [method, path, payload] of paths) {
      const response = method === "GET" ? await server.api(path, { token }) : await send(method, path, payload === undefined ? "" : JSON.stringify(payload));
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(((await response.json()) as { Message: string }).Message).toMatch(/\S/);
    }
  });
});

/**
 * Percent-encodes every UTF-16 code unit of a JavaScript string; a lone surrogate becomes
 * the three bytes a lax encoder sends for it (%ED%A0%80 for U+D800), which is not UTF-8.
 */
function percentEncode(text: string): string {
  let encoded = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      encoded += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
    } else {
      encoded += encodeURIComponent(text[i]!);
    }
  }
  return encoded;
}
