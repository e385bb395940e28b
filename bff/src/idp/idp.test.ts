import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/** Follows the portal's authorization-code + PKCE flow through the real login page. */
async function codeFlow(server: TestServer, username: string, password: string) {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=");
      cookies.set(name!, value ?? "");
    }
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const get = async (url: string) => {
    const response = await fetch(new URL(url, server.url), { redirect: "manual", headers: { cookie: cookie() } });
    remember(response);
    return response;
  };

  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const redirectUri = `${server.url}/`;
  const authorize = new URL(`${server.url}/oidc/auth`);
  authorize.search = new URLSearchParams({
    client_id: "bws-portal",
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "openid profile email managebws",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s1",
  }).toString();

  let response = await get(authorize.toString());
  const loginUrl = response.headers.get("location")!;
  response = await get(loginUrl);
  const page = await response.text();
  const action = /action="([^"]+)"/.exec(page)![1]!;
  response = await fetch(new URL(action, server.url), {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }),
  });
  remember(response);
  if (response.status !== 303) return { loginPage: page, failedLogin: response };
  let location = response.headers.get("location")!;
  while (!new URL(location, server.url).searchParams.has("code")) {
    response = await get(location);
    location = response.headers.get("location")!;
  }
  const code = new URL(location).searchParams.get("code")!;
  const token = await fetch(`${server.url}/oidc/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: "bws-portal", code_verifier: verifier }),
  });
  const body = (await token.json()) as Record<string, string>;
  return { loginPage: page, token: body };
}

describe("embedded identity provider", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("publishes discovery with introspection, PKCE and the managebws scope", async () => {
    const response = await fetch(`${server.url}/oidc/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;
    expect(document["issuer"]).toBe(`${server.url}/oidc`);
    expect(document["introspection_endpoint"]).toBe(`${server.url}/oidc/token/introspection`);
    expect(document["code_challenge_methods_supported"]).toEqual(["S256"]);
    expect(document["scopes_supported"]).toEqual(expect.arrayContaining(["managebws", "offline_access"]));
    expect(document["grant_types_supported"]).toEqual(expect.arrayContaining(["password", "client_credentials", "refresh_token"]));
  });

  it("signs the portal in with code + PKCE through the login page and issues a refresh token", async () => {
    const { loginPage, token } = await codeFlow(server, "viewer", "demo");
    expect(loginPage).toContain("Sign in");
    expect(token?.["access_token"]).toBeTruthy();
    expect(token?.["refresh_token"]).toBeTruthy();
    const me = await server.api("/api/me", { token: token!["access_token"] });
    expect(await me.json()).toMatchObject({ username: "viewer" });
    const refreshed = await fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token!["refresh_token"]!, client_id: "bws-portal" }),
    });
    const next = (await refreshed.json()) as Record<string, string>;
    expect(refreshed.status).toBe(200);
    expect(next["refresh_token"]).not.toBe(token!["refresh_token"]);
  });

  it("re-renders the login page with a message for a wrong password", async () => {
    const { failedLogin } = await codeFlow(server, "viewer", "wrong");
    expect(failedLogin?.status).toBe(401);
    const html = await failedLogin!.text();
    expect(html).toContain("The username or password is not correct.");
    expect(html).toContain('value="viewer"');
  });

  it("escapes what the user typed into the login page", async () => {
    const { failedLogin } = await codeFlow(server, '"><script>alert(1)</script>', "x");
    const html = await failedLogin!.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&#60;script&#62;");
  });

  async function passwordGrant(body: Record<string, string>) {
    return fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", client_id: "bws-scripts", client_secret: server.idp!.scriptsClientSecret, ...body }),
    });
  }

  it("refuses the password grant for a wrong password with invalid_grant", async () => {
    const response = await passwordGrant({ username: "owner", password: "nope", scope: "managebws" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a scope the scripts client may not request", async () => {
    const response = await passwordGrant({ username: "owner", password: "demo", scope: "managebws admin" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_scope" });
  });

  it("refuses the password grant with a wrong client secret", async () => {
    const response = await fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", client_id: "bws-scripts", client_secret: "wrong", username: "owner", password: "demo" }),
    });
    expect(response.status).toBe(401);
  });

  it("keeps the scripts refresh token (no sliding) and lets it last 8 days", async () => {
    const first = (await (await passwordGrant({ username: "owner", password: "demo", scope: "managebws offline_access" })).json()) as Record<string, string>;
    const refreshed = await fetch(`${server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: first["refresh_token"]!,
        client_id: "bws-scripts",
        client_secret: server.idp!.scriptsClientSecret,
        scope: "managebws offline_access",
      }),
    });
    const second = (await refreshed.json()) as Record<string, string>;
    expect(refreshed.status).toBe(200);
    expect(second["refresh_token"]).toBe(first["refresh_token"]);
    const stored = await server.db.prisma.oidcModel.findUniqueOrThrow({
      where: { type_id: { type: "RefreshToken", id: first["refresh_token"]! } },
    });
    const lifetime = (stored.expiresAt!.getTime() - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(8 * 86400 - 60);
    expect(lifetime).toBeLessThanOrEqual(8 * 86400);
  });

  it("lets only the BFF introspect other clients' tokens", async () => {
    const token = await server.tokenFor("owner");
    const asScripts = await fetch(`${server.url}/oidc/token/introspection`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`bws-scripts:${server.idp!.scriptsClientSecret}`).toString("base64")}` },
      body: new URLSearchParams({ token }),
    });
    expect(await asScripts.json()).toMatchObject({ active: true, sub: expect.any(String) });
    const portalToken = (await codeFlow(server, "editor", "demo")).token!["access_token"]!;
    expect(portalToken).toMatch(/^[\w-]{20,}$/);
    const foreign = await fetch(`${server.url}/oidc/token/introspection`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`bws-scripts:${server.idp!.scriptsClientSecret}`).toString("base64")}` },
      body: new URLSearchParams({ token: portalToken }),
    });
    expect(await foreign.json()).toEqual({ active: false });
  });

  it("stores no password in clear: demo users have scrypt hashes", async () => {
    const users = await server.db.prisma.user.findMany({ where: { passwordHash: { not: null } } });
    expect(users.length).toBeGreaterThanOrEqual(5);
    for (const user of users) expect(user.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });
});
