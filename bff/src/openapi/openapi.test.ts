import { createHash, randomBytes } from "node:crypto";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createClientBody } from "../clients/clients.schema.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { jsonSchemaOptions, type OpenApiDocument } from "./openapi-document.ts";

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
  rawPath?: string | string[];
}

/** "METHOD /path" of every route the app registered, mount points included. */
function routesOf(app: Express): string[] {
  const walk = (stack: RouterLayer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((method) => method !== "_all");
        return [layer.route.path].flat().flatMap((path) => methods.map((method) => `${method.toUpperCase()} ${prefix}${path}`));
      }
      if (layer.handle.stack && typeof layer.rawPath === "string") {
        return walk(layer.handle.stack, prefix + (layer.rawPath === "/" ? "" : layer.rawPath));
      }
      return [];
    });
  return walk((app.router as unknown as { stack: RouterLayer[] }).stack, "");
}

/** "METHOD /path" of every documented operation, with Express's `:param` again. */
function documentedOf(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
  );
}

async function fetchDocument(server: TestServer): Promise<OpenApiDocument> {
  const response = await fetch(`${server.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

describe("the OpenAPI document and Swagger UI", () => {
  let server: TestServer;
  let document: OpenApiDocument;

  beforeAll(async () => {
    server = await startTestServer();
    document = await fetchDocument(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves /api/openapi.json without a token, cacheable for a few minutes", async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("is an OpenAPI 3.1 document with info, servers, paths and components", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(document.servers).toEqual([{ url: server.url }]);
    expect(Object.keys(document.paths).length).toBeGreaterThan(20);
    expect(document.components.schemas["Error"]).toMatchObject({
      type: "object",
      properties: { Message: { type: "string" }, Code: { type: "string" } },
      required: ["Message", "Code"],
    });
  });

  it("gives every operation responses and every {param} of a path a required path parameter", () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(operation.responses), where).not.toHaveLength(0);
        expect(operation.operationId, where).toEqual(expect.any(String));
        const pathParameters = (operation.parameters ?? []).filter((p) => p.in === "path");
        expect(pathParameters.map((p) => p.name).sort(), where).toEqual([...names].sort());
        for (const parameter of operation.parameters ?? []) {
          expect(parameter, where).toMatchObject({ name: expect.any(String), schema: expect.any(Object) });
          if (parameter.in === "path") expect(parameter.required, where).toBe(true);
        }
      }
    }
  });

  it("documents every /api route the app registered, and none it did not", () => {
    const registered = routesOf(server.app);
    // Swagger UI itself is no operation of the API.
    const api = registered.filter((route) => / \/api\//.test(route) && !/ \/api\/docs(\/|$)/.test(route));
    const documented = documentedOf(document);
    expect(api.length).toBeGreaterThan(30);
    expect(documented.filter((route) => / \/api\//.test(route)).sort()).toEqual([...new Set(api)].sort());
    // Outside /api: the Token Web API, liveness detection and the health checks exist too.
    for (const route of documented.filter((r) => !/ \/api\//.test(r))) expect(registered).toContain(route);
  });

  it("documents the body of POST /api/clients as z.toJSONSchema of the schema the route parses", () => {
    const requestBody = document.paths["/api/clients"]!["post"]!.requestBody!;
    const { $schema: _dialect, ...expected } = z.toJSONSchema(createClientBody, jsonSchemaOptions);
    expect(requestBody.required).toBe(true);
    expect(requestBody.content["application/json"]!.schema).toEqual(expected);
    expect(expected["required"]).toEqual(["name", "installationId", "storage", "expiresAt"]);
  });

  it("turns query schemas into query parameters, required only without a default", () => {
    const parameters = document.paths["/extension/token"]!["get"]!.parameters!;
    expect(parameters.find((p) => p.name === "id")).toMatchObject({ in: "query", required: true });
    expect(parameters.find((p) => p.name === "task")).toMatchObject({ in: "query", required: false, schema: { type: "string" } });
    const list = document.paths["/api/clients"]!["get"]!.parameters!;
    expect(list.find((p) => p.name === "limit")).toMatchObject({ required: false, schema: { type: "integer", default: 50, maximum: 500 } });
  });

  it("documents the user directory's cursor paging, its 2-character minimum and who may search", () => {
    const search = document.paths["/api/users"]!["get"]!;
    const parameters = Object.fromEntries(search.parameters!.map((p) => [p.name, p]));
    expect(Object.keys(parameters).sort()).toEqual(["cursor", "limit", "q"]);
    expect(parameters["q"]).toMatchObject({ required: true, schema: { type: "string", minLength: 2, maxLength: 100 } });
    expect(parameters["limit"]).toMatchObject({ required: false, schema: { default: 20, maximum: 50 } });
    expect(parameters["cursor"]).toMatchObject({ required: false, description: expect.stringMatching(/nextCursor/) });
    expect(search.description).toMatch(/Pages by cursor/);
    expect(search.description).toMatch(/platform administrators, installation Owners and client Owners/);
    const page = (search.responses["200"] as { content: Record<string, { schema: { properties: Record<string, unknown> } }> }).content["application/json"]!.schema;
    expect(Object.keys(page.properties)).toEqual(["items", "nextCursor"]);
  });

  it("documents client ownership as installation Owners' right", () => {
    expect(document.paths["/api/clients/{name}/owners"]!["post"]!.description).toMatch(/Requires: manageClientOwnership on the client \("transfer or add client ownership": installation Owner;/);
    expect(document.paths["/api/clients/{name}/permissions/{userId}"]!["put"]!.description).toMatch(/Owner role.*manageClientOwnership/);
    expect(document.paths["/api/clients"]!["post"]!.description).toMatch(/`ownerUserId`.*manageClientOwnership/);
  });

  it("describes the security: bearer or IdP sign-in for /api, Basic for tokens, none for health", () => {
    expect(document.security).toEqual([{ bearer: [] }, { oauth2: ["managebws"] }]);
    expect(document.components.securitySchemes["oauth2"]).toMatchObject({
      type: "oauth2",
      flows: {
        authorizationCode: {
          authorizationUrl: `${server.url}/oidc/auth`,
          tokenUrl: `${server.url}/oidc/token`,
          scopes: { managebws: expect.any(String) },
        },
      },
    });
    const token = document.paths["/extension/token"]!["get"]!;
    expect(token.security).toEqual([{ basicAuth: [] }]);
    expect(Object.keys(token.responses)).toEqual(["200", "400", "401", "403", "429"]);
    expect(token.responses["200"]).toMatchObject({ content: { "text/plain": { schema: { type: "string" } } } });
    expect(document.paths["/healthz"]!["get"]!.security).toEqual([]);
    expect(document.paths["/api/clients/{name}/keys"]!["post"]!.description).toMatch(/Requires: manageKeys on the client/);
  });

  it("serves Swagger UI at /api/docs from this origin, started by a script file", async () => {
    const response = await fetch(`${server.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    const html = await response.text();
    expect(html).toContain('<script src="/api/docs/swagger-initializer.js"></script>');
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    for (const [, asset] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(asset).toMatch(/^\/api\/docs\//);
      expect((await fetch(`${server.url}${asset}`)).status, asset).toBe(200);
    }

    const initializer = await fetch(`${server.url}/api/docs/swagger-initializer.js`);
    expect(initializer.headers.get("content-type")).toMatch(/^text\/javascript/);
    const script = await initializer.text();
    expect(script).toContain('"specUrl":"/api/openapi.json"');
    expect(script).toContain(`"oauth2RedirectUrl":"${server.url}/api/docs/oauth2-redirect.html"`);
    expect(script).toContain('"clientId":"bws-swagger"');
    expect(script).toContain('"scopes":"openid managebws"');
    expect(script).toContain("usePkceWithAuthorizationCodeGrant: true");
  });

  it("serves swagger-ui-dist's oauth2-redirect.html and answers 404, not 401, for other files", async () => {
    const redirect = await fetch(`${server.url}/api/docs/oauth2-redirect.html`);
    expect(redirect.status).toBe(200);
    expect(redirect.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await redirect.text()).toContain('<script src="oauth2-redirect.js"></script>');
    expect((await fetch(`${server.url}/api/docs/oauth2-redirect.js`)).status).toBe(200);

    const unknown = await fetch(`${server.url}/api/docs/package.json`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ Code: "NotFound" });
  });

  it("lets the bws-swagger client start a sign-in with PKCE at the embedded IdP", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const query = new URLSearchParams({
      client_id: "bws-swagger",
      redirect_uri: `${server.url}/api/docs/oauth2-redirect.html`,
      response_type: "code",
      scope: "openid managebws",
      state: "swagger-state",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    const response = await fetch(`${server.url}/oidc/auth?${query}`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/oidc\/interaction\/[\w-]+$/);

    query.set("redirect_uri", `${server.url}/elsewhere`);
    const foreign = await fetch(`${server.url}/oidc/auth?${query}`, { redirect: "manual" });
    expect(foreign.status).toBe(400);
  });

  describe("with an external issuer", () => {
    let issuer: TestServer;
    let bff: TestServer;

    beforeAll(async () => {
      issuer = await startTestServer();
      bff = await startTestServer({
        OIDC_ISSUER: `${issuer.url}/oidc`,
        OIDC_INTROSPECTION_CLIENT_ID: issuer.idp!.introspectionClientId,
        OIDC_INTROSPECTION_CLIENT_SECRET: issuer.idp!.introspectionClientSecret,
        OIDC_SWAGGER_CLIENT_ID: "api-docs",
      });
    });
    afterAll(async () => {
      await bff?.stop();
      await issuer?.stop();
    });

    it("signs Swagger UI in at the issuer's discovered endpoints with OIDC_SWAGGER_CLIENT_ID", async () => {
      const external = await fetchDocument(bff);
      expect(external.components.securitySchemes["oauth2"]).toMatchObject({
        flows: { authorizationCode: { authorizationUrl: `${issuer.url}/oidc/auth`, tokenUrl: `${issuer.url}/oidc/token` } },
      });
      const script = await (await fetch(`${bff.url}/api/docs/swagger-initializer.js`)).text();
      expect(script).toContain('"clientId":"api-docs"');
    });

    it("keeps the sign-in popup's opener when it leaves this origin for the issuer", async () => {
      const page = await fetch(`${bff.url}/api/docs`);
      expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin-allow-popups");
      const redirect = await fetch(`${bff.url}/api/docs/oauth2-redirect.html`);
      expect(redirect.headers.get("cross-origin-opener-policy")).toBe("unsafe-none");
    });
  });
});
