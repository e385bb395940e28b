import { readdir, readFile } from "node:fs/promises";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptsClientId } from "../idp/provider.ts";
import { snapshotDatabase } from "../testing/db-snapshot.ts";
import { makeTestCertificate } from "../testing/test-certificates.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * The reproductions of issue #10 (rows 6 and 7): each answers its 4xx with a JSON Message
 * and Code, changes nothing and logs no error.
 */
describe("input hygiene", () => {
  let server: TestServer;
  let token: string;
  let demoId: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.tokenFor("admin");
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => server?.stop());

  const errorLines = () => server.logs.filter((line) => /"level":(50|60)/.test(line));

  async function expectRefusal(response: Response, status: number, code?: string) {
    const text = await response.text();
    expect(response.status, text).toBe(status);
    const answer = JSON.parse(text) as { Message?: unknown; Code?: unknown };
    expect(answer.Message).toMatch(/\S/);
    if (code) expect(answer.Code).toBe(code);
    return answer as { Message: string; Code: string };
  }

  const basic = (credentials: string) => `Basic ${Buffer.from(credentials, "latin1").toString("base64")}`;

  it("answers 400 with Message when the Token Web API's Basic credentials hold a NUL", async () => {
    const before = errorLines().length;
    for (const path of ["/extension/token?id=x", "/token?id=x"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: basic("x\0y:wrong") } });
      expect((await expectRefusal(response, 400, "InvalidText")).Message).toMatch(/NUL/);
    }
    expect(await server.db.prisma.appAuthFailure.count()).toBe(0);
    expect(errorLines().slice(before)).toEqual([]);
  });

  it("answers 400 with Message for NUL in queries and paths of the API", async () => {
    const before = errorLines().length;
    for (const [url, names] of [
      ["/api/clients?q=%00", /'q'/],
      ["/api/users?q=a%00", /'q'/],
      ["/api/clients/x%00", /path/],
      ["/api/clients/demo-client/bwslog?operation=%00", /'operation'/],
      [`/api/installations/${demoId}/bwslog?client=a%00b`, /'client'/],
      ["/api/clients/demo-client/classes/1/%00", /path/],
    ] as const) {
      const answer = await expectRefusal(await server.api(url, { token }), 400, "InvalidText");
      expect(answer.Message, url).toMatch(names);
    }
    expect(errorLines().slice(before)).toEqual([]);
  });

  it("answers 400 with Message for paths and queries that are not percent-encoded UTF-8, lone surrogates included", async () => {
    for (const url of ["/api/clients/%ED%B0%80", "/api/clients/%E0%A4%A", "/api/clients/demo-client/%C0/classcount", "/api/clients?q=%ED%A0%80", "/api/clients?q=%"]) {
      await expectRefusal(await server.api(url, { token }), 400, "BadRequest");
    }
  });

  it("answers 400 naming the field for NUL or a lone surrogate in a key label, an endpoint URL or a certificate name, changing nothing", async () => {
    const certificate = makeTestCertificate({ commonName: "hygiene" });
    const before = errorLines().length;
    const snapshot = await snapshotDatabase(server.db.prisma);
    for (const [method, url, body, field] of [
      ["POST", "/api/clients/demo-client/keys", '{"label":"a\\u0000b"}', /^label:/],
      ["POST", "/api/clients/demo-client/keys", '{"label":"a\\udc00b"}', /^label:/],
      ["POST", "/api/clients/demo-client/keys", '{"label":"\\ud800"}', /^label:/],
      ["PATCH", `/api/installations/${demoId}`, '{"endpointUrls":["https://bws.example.com/\\u0000"]}', /^endpointUrls\.0:/],
      [
        "POST",
        `/api/installations/${demoId}/certificates`,
        JSON.stringify({ name: "cert\0", certificatePem: certificate.certificatePem, privateKeyPem: certificate.privateKeyPem }),
        /^name:/,
      ],
      ["POST", "/api/clients", '{"name":"x","installationId":"a","storage":"bws","extra":{"deep":[["\\udfff"]]}}', /^extra\.deep\.0\.0:/],
      ["POST", "/api/clients", '{"na\\u0000me":"x"}', /field name/],
    ] as const) {
      const response = await server.api(url, { method, token, body, headers: { "content-type": "application/json" } });
      expect((await expectRefusal(response, 400, "InvalidText")).Message, body).toMatch(field);
    }
    expect(await snapshotDatabase(server.db.prisma)).toBe(snapshot);
    expect(errorLines().slice(before)).toEqual([]);
  });

  it("accepts well-formed text beyond ASCII: surrogate pairs, accents, CJK", async () => {
    const response = await server.api("/api/clients/demo-client/keys", { method: "POST", token, body: JSON.stringify({ label: "Grüße 😀 鍵" }) });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { appId: string };
    expect((await server.db.prisma.webApiKey.findUniqueOrThrow({ where: { appId: created.appId } })).label).toBe("Grüße 😀 鍵");
  });

  it("answers 401, not 503, to a JWT-shaped bearer token the embedded issuer cannot know", async () => {
    const response = await server.api("/api/me", { token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc" });
    await expectRefusal(response, 401, "Unauthorized");
  });

  it("answers 413 PayloadTooLarge, 415 UnsupportedMediaType and 400 for unreadable JSON, each with a Message", async () => {
    const post = (body: string, headers: Record<string, string>) =>
      server.api("/api/clients/demo-client/keys", { method: "POST", token, body, headers });
    await expectRefusal(await post(JSON.stringify({ label: "x".repeat(1_100_000) }), { "content-type": "application/json" }), 413, "PayloadTooLarge");
    await expectRefusal(await post("label=x", { "content-type": "application/x-www-form-urlencoded" }), 415, "UnsupportedMediaType");
    await expectRefusal(await post("{}", { "content-type": "application/json; charset=latin1" }), 415, "UnsupportedMediaType");
    await expectRefusal(await post("{}", { "content-type": "application/json", "content-encoding": "compress" }), 415, "UnsupportedMediaType");
    await expectRefusal(await post("{not json", { "content-type": "application/json" }), 400, "BadRequest");
    await expectRefusal(await post("not gzip", { "content-type": "application/json", "content-encoding": "gzip" }), 400, "BadRequest");
  });

  it("answers 431 RequestHeaderFieldsTooLarge with a Message when the headers are too large", async () => {
    const response = await server.api("/api/me", { token, headers: { "x-padding": "a".repeat(20_000) } });
    await expectRefusal(response, 431, "RequestHeaderFieldsTooLarge");
  });

  it("answers what Node's HTTP parser refuses with a JSON Message", async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => socket.end("GET /api/me HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"));
      let received = "";
      socket.on("data", (chunk) => (received += chunk));
      socket.on("end", () => resolve(received));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toEqual({ Message: expect.stringMatching(/\S/), Code: "BadRequest" });
  });

  it("answers the embedded IdP's OAuth requests holding NUL with 400 invalid_request, not 500", async () => {
    const before = errorLines().length;
    const secret = server.idp!.scriptsClientSecret;
    const forms: Record<string, string>[] = [
      { grant_type: "password", username: "a\0", password: "demo", client_id: scriptsClientId, client_secret: secret, scope: "managebws" },
      { grant_type: "client_credentials", client_id: "a\0", client_secret: "x" },
      { grant_type: "refresh_token", refresh_token: "a\0", client_id: scriptsClientId, client_secret: secret },
    ];
    for (const form of forms) {
      const response = await fetch(`${server.url}/oidc/token`, { method: "POST", body: new URLSearchParams(form) });
      expect(response.status, form.grant_type).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringMatching(/NUL/) });
    }
    await expectRefusal(await fetch(`${server.url}/oidc/auth?client_id=%00&response_type=code`), 400, "InvalidText");
    const login = await fetch(`${server.url}/oidc/interaction/some-uid/login`, { method: "POST", body: new URLSearchParams({ username: "owner\0", password: "demo" }) });
    await expectRefusal(login, 400, "InvalidText");
    expect(errorLines().slice(before)).toEqual([]);
  });

  it("answers 401 to a BWS token whose unsigned client claim holds a NUL", async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const response = await fetch(`${server.url}/extension/livenessdetection`, {
      method: "POST",
      headers: { authorization: `Bearer ${part({ alg: "HS256" })}.${part({ clnt: "a\0" })}.x`, "content-type": "application/json" },
      body: "{}",
    });
    await expectRefusal(response, 401, "Unauthorized");
  });

  it("logged no unhandled error during any of the above", () => {
    expect(server.logs.filter((line) => line.includes("unhandled error"))).toEqual([]);
  });
});

describe("body parsers", () => {
  it("are only created by http/input-hygiene.ts, so no route can skip its checks", async () => {
    const root = path.resolve(import.meta.dirname, "..");
    const offenders: string[] = [];
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file.includes(`${path.sep}generated${path.sep}`) || file === path.join(root, "http", "input-hygiene.ts")) continue;
      if (/express\.(json|urlencoded|raw|text)\s*\(|from "body-parser"/.test(await readFile(file, "utf8"))) offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });
});
