import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptsClientId } from "../idp/provider.ts";
import type { RunningServer } from "../server.ts";
import { testBackend } from "../testing/test-database.ts";
import { startTestServer, untilNotified, type TestServer } from "../testing/test-server.ts";

/**
 * Revocation takes effect at once although introspection answers are cached: revoking an
 * access token, or the refresh token of its grant, deletes it at the embedded IdP, and the
 * database's change feed evicts it from the cache of every instance.
 */
async function grant(server: TestServer, username: string): Promise<{ access_token: string; refresh_token: string }> {
  const tokens = await server.passwordGrant(username);
  expect(tokens.refresh_token).toEqual(expect.any(String));
  return { access_token: tokens.access_token, refresh_token: tokens.refresh_token! };
}

async function revoke(server: TestServer, token: string, hint: "access_token" | "refresh_token"): Promise<void> {
  const response = await fetch(`${server.url}/oidc/token/revocation`, {
    method: "POST",
    body: new URLSearchParams({ token, token_type_hint: hint, client_id: scriptsClientId, client_secret: server.idp!.scriptsClientSecret }),
  });
  expect(response.status).toBe(200);
}

describe("revocation at the embedded identity provider", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("refuses a revoked access token on the next request, although its check was cached", async () => {
    const tokens = await grant(server, "owner");
    expect((await server.api("/api/me", { token: tokens.access_token })).status).toBe(200);
    expect((await server.api("/api/me", { token: tokens.access_token })).status).toBe(200);
    await revoke(server, tokens.access_token, "access_token");
    const after = await server.api("/api/me", { token: tokens.access_token });
    expect(after.status).toBe(401);
  });

  it("refuses the access token of a grant whose refresh token was revoked", async () => {
    const tokens = await grant(server, "viewer");
    expect((await server.api("/api/me", { token: tokens.access_token })).status).toBe(200);
    await revoke(server, tokens.refresh_token, "refresh_token");
    expect((await server.api("/api/me", { token: tokens.access_token })).status).toBe(401);
  });

  it("keeps other users' cached tokens working", async () => {
    const kept = await grant(server, "editor");
    const revoked = await grant(server, "support");
    expect((await server.api("/api/me", { token: kept.access_token })).status).toBe(200);
    await revoke(server, revoked.access_token, "access_token");
    expect((await server.api("/api/me", { token: kept.access_token })).status).toBe(200);
  });

  it("sees a permission revoked by an Owner on the grantee's next request", async () => {
    const me = await server.call<{ clients: { name: string }[]; installations: { name: string }[] }>("viewer", "GET", "/api/me");
    expect(me.installations.map((i) => i.name)).toContain("demo");
    const viewer = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "viewer" } });
    const installation = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } });
    expect((await server.send("viewer", "GET", `/api/installations/${installation.id}`)).status).toBe(200);
    await server.call("owner", "DELETE", `/api/installations/${installation.id}/permissions/${viewer.id}`);
    expect((await server.send("viewer", "GET", `/api/installations/${installation.id}`)).status).toBe(403);
  });
});

describe.skipIf(testBackend !== "postgres")("revocation across two instances on one PostgreSQL", () => {
  let a: TestServer;
  let b: RunningServer;

  beforeAll(async () => {
    a = await startTestServer();
    b = await a.startInstance({ startWorker: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.stop();
  });

  const me = (server: { url: string }, token: string) => fetch(`${server.url.replace(/\/$/, "")}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  const bUrl = () => `http://127.0.0.1:${b.port}`;

  it("refuses at instance B a token revoked at instance A, although B had cached its check", async () => {
    const tokens = await grant(a, "owner");
    expect((await me({ url: bUrl() }, tokens.access_token)).status).toBe(200);
    await revoke(a, tokens.access_token, "access_token");
    await expect.poll(async () => (await me({ url: bUrl() }, tokens.access_token)).status, untilNotified).toBe(401);
  });

  it("applies at instance B a permission revoked at instance A", async () => {
    const tokens = await grant(a, "support");
    const support = await a.db.prisma.user.findUniqueOrThrow({ where: { username: "support" } });
    const installation = await a.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } });
    const read = () => fetch(`${bUrl()}/api/installations/${installation.id}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await read()).status).toBe(200);
    await a.call("owner", "DELETE", `/api/installations/${installation.id}/permissions/${support.id}`);
    await expect.poll(async () => (await read()).status, untilNotified).toBe(403);
  });
});
