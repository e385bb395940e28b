import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginBrowser, type LoginResult } from "../testing/login-browser.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { knownDeviceCookieName } from "./known-device-cookie.ts";

/**
 * Password guessing at the embedded IdP: the login form per source address, per account
 * (unknown browsers) and per known browser; the password grant per account and source.
 * Sources come as X-Forwarded-For from loopback; the limits' clock is moved, not waited for.
 */
describe("sign-in limits", () => {
  let server: TestServer;
  let now = Date.now();
  const clock = () => now;

  beforeAll(async () => {
    server = await startTestServer({ LOGIN_MAX_FAILURES_PER_SOURCE: "15", LOGIN_MAX_FAILURES_PER_ACCOUNT: "30", PASSWORD_GRANT_MAX_FAILURES: "12" }, { clock });
  });
  afterAll(async () => server?.stop());

  /** Guesses until `failures` wrong passwords were counted, waiting out every delay; returns the waits. */
  async function guess(browser: () => LoginBrowser, username: string, failures: number): Promise<number[]> {
    const waits: number[] = [];
    for (let counted = 0; counted < failures; ) {
      const result = await browser().signIn(username, `guess-${counted}`);
      if (result.status === 429) {
        waits.push(result.retryAfter!);
        now += result.retryAfter! * 1000;
      } else {
        expect(result).toMatchObject({ status: 401, message: "The username or password is not correct." });
        counted++;
      }
    }
    return waits;
  }

  it("slows, then blocks a guessing source with 429, Retry-After and a Message, while the user's known browser still signs in", async () => {
    const usersBrowser = new LoginBrowser(server.url, "10.1.0.1");
    expect((await usersBrowser.signIn("viewer", "demo")).code).toBeTruthy();
    expect(usersBrowser.hasCookie(knownDeviceCookieName)).toBe(true);

    const attacker = new LoginBrowser(server.url, "203.0.113.10");
    for (let i = 0; i < 10; i++) expect((await attacker.signIn("viewer", `guess-${i}`)).status).toBe(401);
    const slowed = await attacker.signIn("viewer", "demo");
    expect(slowed).toEqual({ status: 429, retryAfter: 1, message: "Too many failed sign-in attempts. Try again in 1 second." });
    const waits = await guess(() => attacker, "viewer", 5);
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    const blocked = await attacker.signIn("viewer", "demo");
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBeGreaterThan(10 * 60);
    expect(blocked.message).toMatch(/^Too many failed sign-in attempts\. Try again in 1[0-5] minutes\.$/);

    const newBrowser = new LoginBrowser(server.url, "10.1.0.2");
    expect((await newBrowser.signIn("viewer", "demo")).status, "an unknown browser waits while the account is under attack").toBe(429);
    expect((await usersBrowser.moveTo("203.0.113.10").signIn("viewer", "demo")).code, "the known browser signs in, even from the blocked address").toBeTruthy();
    expect((await newBrowser.signIn("viewer", "demo")).code, "the user's success cleared the account's failures").toBeTruthy();

    expect((await attacker.signIn("viewer", "demo")).status, "the guessing address stays blocked").toBe(429);
    now += blocked.retryAfter! * 1000;
    expect((await attacker.signIn("viewer", "demo")).code, "the right password works once the block has expired").toBeTruthy();
  });

  it("answers the same for an account that does not exist as for one that does", async () => {
    const answers = async (username: string, network: string) => {
      const browser = new LoginBrowser(server.url);
      const results: LoginResult[] = [];
      for (let i = 0; i < 13; i++) results.push(await browser.moveTo(`${network}.${i}`).signIn(username, `guess-${i}`));
      return results;
    };
    const existing = await answers("editor", "10.2.0");
    const missing = await answers("nobody-here", "10.3.0");
    expect(missing).toEqual(existing);
    expect(existing.map((result) => result.status)).toEqual([...Array<number>(10).fill(401), 429, 429, 429]);
  });

  it("stops unknown browsers at the account's ceiling while a known browser still signs in", async () => {
    const usersBrowser = new LoginBrowser(server.url, "10.4.0.1");
    expect((await usersBrowser.signIn("support", "demo")).code).toBeTruthy();
    const botnet = new LoginBrowser(server.url);
    let network = 0;
    await guess(() => botnet.moveTo(`198.18.${Math.floor(network / 250)}.${network++ % 250}`), "support", 30);

    const unknown = await new LoginBrowser(server.url, "10.4.0.2").signIn("support", "demo");
    expect(unknown.status).toBe(429);
    expect(unknown.retryAfter, "blocked until 24 h after the first failure").toBeGreaterThan(60 * 60);
    expect(unknown.message).toMatch(/Too many failed sign-in attempts/);
    expect((await usersBrowser.signIn("support", "demo")).code).toBeTruthy();
    expect(server.logs.filter((line) => line.includes('"limit":"login.account"') && line.includes("reached")).length).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it("logs when a block starts, with the address and username but never the password", async () => {
    const lines = server.logs.filter((line) => line.includes('"limit":"login.source"') && line.includes("203.0.113.10"));
    expect(lines.filter((line) => line.includes("reached"))).toHaveLength(1);
    expect(lines[0]).toContain('"username":"viewer"');
    const all = server.logs.join("\n");
    expect(all).not.toMatch(/guess-\d/);
  });

  describe("password grant", () => {
    const grant = (username: string, password: string, source: string, target = server.url) =>
      fetch(`${target}/oidc/token`, {
        method: "POST",
        headers: { "x-forwarded-for": source },
        body: new URLSearchParams({ grant_type: "password", client_id: "bws-scripts", client_secret: server.idp!.scriptsClientSecret, username, password, scope: "managebws" }),
      });

    it("slows, then blocks guesses per account and source with 429, Retry-After and an OAuth error with a Message; other sources still get tokens", async () => {
      const source = "203.0.113.20";
      for (let i = 0; i < 5; i++) {
        const response = await grant("admin", `guess-${i}`, source);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: "invalid_grant" });
      }
      const slowed = await grant("admin", "demo", source);
      expect(slowed.status).toBe(429);
      expect(slowed.headers.get("retry-after")).toBe("1");
      expect(await slowed.json()).toEqual({
        error: "temporarily_unavailable",
        error_description: "Too many failed sign-in attempts. Try again in 1 second.",
        Message: "Too many failed sign-in attempts. Try again in 1 second.",
        Code: "TooManyRequests",
      });
      expect((await grant("admin", "demo", "203.0.113.21")).status).toBe(200);
      expect((await new LoginBrowser(server.url, "10.5.0.1").signIn("admin", "demo")).code, "the login form does not count the grant's failures").toBeTruthy();

      let failures = 5;
      while (failures < 12) {
        const response = await grant("admin", `guess-${failures}`, source);
        if (response.status === 429) now += Number(response.headers.get("retry-after")) * 1000;
        else failures++;
      }
      const blocked = await grant("admin", "demo", source);
      expect(blocked.status).toBe(429);
      const wait = Number(blocked.headers.get("retry-after"));
      expect(wait).toBeGreaterThan(60);
      now += wait * 1000;
      expect((await grant("admin", "demo", source)).status).toBe(200);
    });

    it("refuses on another instance after one sync of each", async () => {
      const other = await server.startInstance({ clock });
      try {
        const source = "203.0.113.30";
        for (let i = 0; i < 5; i++) expect((await grant("owner", `guess-${i}`, source)).status).toBe(400);
        expect((await grant("owner", "demo", source)).status).toBe(429);
        await server.limitCounters.sync();
        await other.limitCounters.sync();
        const elsewhere = `http://127.0.0.1:${other.port}`;
        expect((await grant("owner", "demo", source, elsewhere)).status).toBe(429);
        expect((await grant("owner", "demo", "203.0.113.31", elsewhere)).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });
});
