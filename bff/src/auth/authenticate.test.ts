import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

describe("bearer authentication of /api", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("answers 200 from /api/me for a password-grant token of owner", async () => {
    const response = await server.api("/api/me", { token: await server.tokenFor("owner") });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: "owner", isPlatformAdmin: false });
  });

  it.each([
    ["no Authorization header", undefined, /bearer access token is required/i],
    ["a garbage token", "Bearer not-a-real-token", /invalid or has expired/i],
    ["a Basic header", "Basic b3duZXI6ZGVtbw==", /bearer access token is required/i],
  ])("answers 401 with a JSON Message for %s", async (_case, authorization, message) => {
    const response = await server.api("/api/me", { headers: authorization ? { authorization } : {} });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    const body = (await response.json()) as { Message: string };
    expect(body.Message).toMatch(message);
  });

  it("answers 401 for a valid token without the managebws scope", async () => {
    const token = await server.tokenFor("owner", "openid");
    const response = await server.api("/api/me", { token });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/managebws/);
  });

  it("answers 401 for a token the IdP no longer knows (never cached as inactive)", async () => {
    const token = await server.tokenFor("editor", "managebws");
    await server.db.prisma.oidcModel.deleteMany({ where: { type: "AccessToken" } });
    const first = await server.api("/api/me", { token });
    expect(first.status).toBe(401);
    const second = await server.api("/api/me", { token });
    expect(second.status).toBe(401);
  });

  it("gives client-credentials tokens the technical account client:bws-scripts", async () => {
    const response = await fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "bws-scripts",
        client_secret: server.idp!.scriptsClientSecret,
        scope: "managebws",
      }),
    });
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    const me = await server.api("/api/me", { token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: "bws-scripts", installations: [], clients: [] });
    const user = await server.db.prisma.user.findUnique({ where: { subject: "client:bws-scripts" } });
    expect(user?.username).toBe("bws-scripts");
  });
});

describe("an identity provider that cannot be reached", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      OIDC_ISSUER: "http://127.0.0.1:9/oidc",
      OIDC_INTROSPECTION_CLIENT_ID: "bff",
      OIDC_INTROSPECTION_CLIENT_SECRET: "secret",
    });
  });
  afterAll(async () => server?.stop());

  it("answers 503 with a Message and never lets the request through", async () => {
    const response = await server.api("/api/me", { token: "anything" });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/identity provider cannot be reached/i);
  });

  it("does not mount the embedded IdP", async () => {
    const response = await fetch(`${server.url}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(404);
  });

  it("tells the portal to use the external issuer", async () => {
    const response = await fetch(`${server.url}/portal-config.json`);
    expect(await response.json()).toMatchObject({ issuer: "http://127.0.0.1:9/oidc", clientId: "bws-portal" });
  });
});
