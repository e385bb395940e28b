import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLoginPage } from "../testing/login-browser.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * While the password-hashing gate is full, a sign-in is answered with 503 and Retry-After
 * instead of waiting without end: the login form through the app's error handler, the
 * password grant through provider.ts.
 */
describe("sign-in while password hashing is at its limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_LIMIT: "0" });
  });
  afterAll(async () => server?.stop());

  async function loginForm(): Promise<{ action: string; cookie: string }> {
    const { page: login, cookie } = await openLoginPage(server.url);
    const page = await login.text();
    return { action: /action="([^"]+)"/.exec(page)![1]!, cookie };
  }

  it("shows the login form again with 503, Retry-After and a message, and signs in once the gate has room", async () => {
    const { action, cookie } = await loginForm();
    const submit = () =>
      fetch(new URL(action, server.url), {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: "viewer", password: "demo" }),
      });
    let release = () => {};
    const occupied = server.passwordHashing.run(() => new Promise<void>((resolve) => (release = resolve)));
    const busy = await submit();
    release();
    await occupied;
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    // The form is shown again, with the username kept and a message saying what to do.
    expect(busy.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await busy.text();
    expect(page).toContain("Too many sign-ins right now. Try again in a few seconds.");
    expect(page).toContain('value="viewer"');
    expect((await submit()).status).toBe(303);
  });

  it("answers the password grant with 503 temporarily_unavailable and Retry-After, and grants once the gate has room", async () => {
    const grant = () =>
      fetch(`${server.url}/oidc/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "password", client_id: "bws-scripts", client_secret: server.idp!.scriptsClientSecret, username: "owner", password: "demo", scope: "managebws" }),
      });
    let release = () => {};
    const occupied = server.passwordHashing.run(() => new Promise<void>((resolve) => (release = resolve)));
    const busy = await grant();
    release();
    await occupied;
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await busy.json()).toEqual({ error: "temporarily_unavailable", error_description: expect.stringMatching(/busy checking passwords/) });
    expect((await grant()).status).toBe(200);
  });
});
