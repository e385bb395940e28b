import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { logoutIsVouchedFor, type LogoutContext } from "./logout-page.ts";

/** One browser: a cookie jar, and the portal's sign-in through the login page. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly server: TestServer) {}

  async get(url: string): Promise<Response> {
    return this.remember(await fetch(new URL(url, this.server.url), { redirect: "manual", headers: { cookie: this.cookie() } }));
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.remember(
      await fetch(new URL(url, this.server.url), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: this.cookie(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      }),
    );
  }

  /** Signs the portal in as `username` and answers the ID token it got. */
  async signIn(username: string): Promise<string> {
    const verifier = randomBytes(32).toString("base64url");
    const redirectUri = `${this.server.url}/`;
    const authorize = new URLSearchParams({
      client_id: "bws-portal",
      response_type: "code",
      redirect_uri: redirectUri,
      scope: "openid profile email managebws",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    let response = await this.get(`/oidc/auth?${authorize}`);
    let location = response.headers.get("location")!;
    if (location.startsWith("/oidc/interaction/")) {
      const page = await (await this.get(location)).text();
      response = await this.post(/action="([^"]+)"/.exec(page)![1]!, { username, password: "demo" });
      location = response.headers.get("location")!;
    }
    while (!new URL(location, this.server.url).searchParams.has("code")) {
      location = (await this.get(location)).headers.get("location")!;
    }
    const token = await fetch(`${this.server.url}/oidc/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: new URL(location).searchParams.get("code")!,
        redirect_uri: redirectUri,
        client_id: "bws-portal",
        code_verifier: verifier,
      }),
    });
    return ((await token.json()) as { id_token: string }).id_token;
  }

  /** Whether the IdP still has a session: a silent authorization request answers a code. */
  async hasSession(): Promise<boolean> {
    const silent = new URLSearchParams({
      client_id: "bws-portal",
      response_type: "code",
      redirect_uri: `${this.server.url}/`,
      scope: "openid",
      prompt: "none",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    let location = (await this.get(`/oidc/auth?${silent}`)).headers.get("location")!;
    while (location.startsWith("/oidc/")) location = (await this.get(location)).headers.get("location")!;
    return new URL(location).searchParams.has("code");
  }

  private remember(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(";")[0]!.split("=");
      this.cookies.set(name!, value ?? "");
    }
    return response;
  }

  private cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function endSession(params: Record<string, string> = {}): string {
  return `/oidc/session/end?${new URLSearchParams(params)}`;
}

describe("signing out at the embedded IdP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("asks for a click, with a way back, when the sign-out request carries no id_token_hint", async () => {
    const browser = new Browser(server);
    await browser.signIn("viewer");

    const response = await browser.get(endSession());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Sign out?</h1>");
    expect(html).toContain('<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>');
    expect(html).toContain('<a href="/">Cancel</a>');
    expect(html).not.toContain("<script");
    expect(await browser.hasSession()).toBe(true);
  });

  it("signs out once the user confirms, and shows that they are signed out", async () => {
    const browser = new Browser(server);
    await browser.signIn("viewer");
    const page = await (await browser.get(endSession())).text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;

    const confirmed = await browser.post("/oidc/session/end/confirm", { xsrf, logout: "yes" });
    expect(confirmed.status).toBe(303);
    const done = await browser.get(confirmed.headers.get("location")!);
    expect(await done.text()).toContain("You are signed out");
    expect(await browser.hasSession()).toBe(false);
  });

  it("submits itself through a script file when the portal sends its ID token for this session", async () => {
    const browser = new Browser(server);
    const idToken = await browser.signIn("viewer");

    const response = await browser.get(endSession({ id_token_hint: idToken, post_logout_redirect_uri: `${server.url}/` }));
    const html = await response.text();
    expect(html).toContain('<input type="hidden" name="logout" value="yes"></form>');
    expect(html).toContain('<script src="/oidc/ui/logout.js"></script>');
    expect(html).not.toMatch(/<script>/);
    const script = await browser.get("/oidc/ui/logout.js");
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('document.getElementById("op.logoutForm").submit()');
  });

  it("asks for a click when the ID token belongs to another account", async () => {
    const attacker = new Browser(server);
    const attackersToken = await attacker.signIn("support");
    const victim = new Browser(server);
    await victim.signIn("viewer");

    const html = await (await victim.get(endSession({ id_token_hint: attackersToken }))).text();
    expect(html).toContain("<h1>Sign out?</h1>");
    expect(html).not.toContain("<script");
  });

  it("refuses an id_token_hint that is not a token this IdP signed", async () => {
    const browser = new Browser(server);
    const idToken = await browser.signIn("viewer");
    const [header, payload] = idToken.split(".");
    const forged = `${header}.${payload}.${randomBytes(256).toString("base64url")}`;

    const response = await browser.get(endSession({ id_token_hint: forged }));
    expect(response.status).toBe(400);
    expect(await browser.hasSession()).toBe(true);
  });
});

describe("logoutIsVouchedFor", () => {
  const session = { accountId: "user-1", loginTs: 1_000 };
  const request = (payload: Record<string, unknown>, clientId = "bws-portal"): LogoutContext => ({
    oidc: { entities: { IdTokenHint: { payload } }, session, client: { clientId } },
  });

  it("vouches for a portal ID token of the signed-in account issued since this session's login", () => {
    expect(logoutIsVouchedFor(request({ sub: "user-1", iat: 1_000 }), "bws-portal")).toBe(true);
    expect(logoutIsVouchedFor(request({ sub: "user-1", iat: 5_000 }), "bws-portal")).toBe(true);
  });

  it("does not vouch for a token from an earlier session, another client, another account or no token", () => {
    expect(logoutIsVouchedFor(request({ sub: "user-1", iat: 999 }), "bws-portal")).toBe(false);
    expect(logoutIsVouchedFor(request({ sub: "user-1", iat: 1_000 }, "bws-swagger"), "bws-portal")).toBe(false);
    expect(logoutIsVouchedFor(request({ sub: "user-2", iat: 1_000 }), "bws-portal")).toBe(false);
    expect(logoutIsVouchedFor({ oidc: { entities: {}, session, client: { clientId: "bws-portal" } } }, "bws-portal")).toBe(false);
    expect(logoutIsVouchedFor({ oidc: { entities: { IdTokenHint: { payload: { sub: "user-1", iat: 1_000 } } } } }, "bws-portal")).toBe(false);
  });
});
