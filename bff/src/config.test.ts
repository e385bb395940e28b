import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

describe("parseConfig", () => {
  it("applies SPEC's defaults", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: "http://localhost:8080",
      dataDir: path.resolve("./data"),
      portalClientId: "bws-portal",
      logLevel: "info",
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.externalIssuer).toBeUndefined();
    expect(config.demoData).toBeUndefined();
  });

  it("derives PUBLIC_URL from PORT and strips a trailing slash from a given one", () => {
    expect(parseConfig({ PORT: "9000" }).publicUrl).toBe("http://localhost:9000");
    expect(parseConfig({ PUBLIC_URL: "https://portal.example.com/" }).publicUrl).toBe("https://portal.example.com");
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PUBLIC_URL: "ftp://x" }, "PUBLIC_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATA_KEY: "short" }, "DATA_KEY"],
    [{ DEMO_DATA: "maybe" }, "DEMO_DATA"],
    [{ OIDC_ISSUER: "https://id.example.com" }, "OIDC_INTROSPECTION_CLIENT_ID"],
    [{ SCRIPTS_CLIENT_SECRET: "tiny" }, "SCRIPTS_CLIENT_SECRET"],
    [{ LOGIN_MAX_FAILURES_PER_ACCOUNT: "101" }, "LOGIN_MAX_FAILURES_PER_ACCOUNT"],
    [{ TOKEN_MAX_SECRET_FAILURES: "0" }, "TOKEN_MAX_SECRET_FAILURES"],
    [{ PLAYGROUND_TOKENS_PER_USER_PER_MINUTE: "-1" }, "PLAYGROUND_TOKENS_PER_USER_PER_MINUTE"],
    [{ LIMITS_SYNC_MS: "5" }, "LIMITS_SYNC_MS"],
  ])("stops with a message naming the variable for %o", (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it("reads DEMO_DATA as a boolean", () => {
    expect(parseConfig({ DEMO_DATA: "false" }).demoData).toBe(false);
    expect(parseConfig({ DEMO_DATA: "true" }).demoData).toBe(true);
  });

  it("applies the README's defaults to the abuse limits", () => {
    expect(parseConfig({}).limits).toEqual({
      tokenRatePerMinute: 600,
      tokenMaxSecretFailures: 20,
      tokenMaxUnknownAppIds: 100,
      loginMaxFailuresPerAccount: 100,
      loginMaxFailuresPerSource: 30,
      loginMaxFailuresPerDevice: 20,
      passwordGrantMaxFailures: 20,
      playgroundTokensPerUserPerMinute: 10,
      playgroundTokensPerClientPerMinute: 60,
      livenessAttemptsPerUserPerMinute: 30,
      livenessAttemptsPerClientPerMinute: 120,
      syncMs: 250,
    });
  });
});
