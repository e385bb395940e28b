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
    [{ INSTALLATION_HOSTS: "*.example.com, 10.0.0.0/33" }, "INSTALLATION_HOSTS"],
    [{ INSTALLATION_HOSTS: "http://db.example.com" }, "INSTALLATION_HOSTS"],
  ])("stops with a message naming the variable for %o", (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it("reads INSTALLATION_HOSTS as host patterns, none by default", () => {
    expect(parseConfig({}).installationHosts.patterns).toEqual([]);
    const hosts = parseConfig({ INSTALLATION_HOSTS: " *.example.com ,10.0.0.0/8,db.internal, fd00::/8 " }).installationHosts;
    expect(hosts.patterns).toEqual(["*.example.com", "10.0.0.0/8", "db.internal", "fd00::/8"]);
  });

  it("reads DEMO_DATA as a boolean", () => {
    expect(parseConfig({ DEMO_DATA: "false" }).demoData).toBe(false);
    expect(parseConfig({ DEMO_DATA: "true" }).demoData).toBe(true);
  });
});
