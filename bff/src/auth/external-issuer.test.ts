import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * With OIDC_ISSUER set, the BFF uses another issuer's discovery document and
 * introspection endpoint. Here the "external" issuer is a second instance's embedded IdP.
 */
describe("an external OIDC issuer", () => {
  let issuer: TestServer;
  let bff: TestServer;

  beforeAll(async () => {
    issuer = await startTestServer();
    bff = await startTestServer({
      OIDC_ISSUER: `${issuer.url}/oidc`,
      OIDC_INTROSPECTION_CLIENT_ID: issuer.idp!.introspectionClientId,
      OIDC_INTROSPECTION_CLIENT_SECRET: issuer.idp!.introspectionClientSecret,
    });
  });
  afterAll(async () => {
    await bff?.stop();
    await issuer?.stop();
  });

  it("accepts the issuer's tokens, found through its discovery document", async () => {
    const token = await issuer.tokenFor("viewer");
    const response = await bff.api("/api/me", { token });
    expect(response.status).toBe(200);
    const me = (await response.json()) as { username: string; installations: unknown[] };
    // A subject this BFF has not seen becomes a user without grants.
    expect(me.installations).toEqual([]);
    const subject = (await issuer.db.prisma.user.findUniqueOrThrow({ where: { username: "viewer" } })).subject;
    expect(await bff.db.prisma.user.count({ where: { subject } })).toBe(1);
  });

  it("refuses tokens the external issuer does not know", async () => {
    const foreign = await bff.api("/api/me", { token: "made-up-token" });
    expect(foreign.status).toBe(401);
  });

  it("answers 503 when the issuer's introspection credentials are wrong", async () => {
    const misconfigured = await startTestServer({
      OIDC_ISSUER: `${issuer.url}/oidc`,
      OIDC_INTROSPECTION_CLIENT_ID: issuer.idp!.introspectionClientId,
      OIDC_INTROSPECTION_CLIENT_SECRET: "wrong",
    });
    try {
      const response = await misconfigured.api("/api/me", { token: await issuer.tokenFor("viewer") });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { Message: string }).Message).toMatch(/refused the token check/);
    } finally {
      await misconfigured.stop();
    }
  });
});
