import { describe, expect, it } from "vitest";
import { parseConnectionString } from "./connection-string.ts";
import { parseInstallationHosts } from "./installation-hosts.ts";

describe("INSTALLATION_HOSTS patterns", () => {
  const hosts = parseInstallationHosts("*.example.com, db.internal, 10.0.0.0/8, 192.168.1.7, fd00::/8");

  it("matches names below a *.domain, exact names, IP literals in a range and exact addresses", () => {
    for (const host of ["db.example.com", "a.b.example.com", "DB.Example.COM", "db.example.com.", "db.internal", "10.1.2.3", "192.168.1.7", "fd00::1"]) {
      expect(hosts.allows(host), host).toBe(true);
    }
  });

  it("refuses the bare domain of a *.domain, look-alikes, other addresses and names that only look like addresses", () => {
    for (const host of ["example.com", "evilexample.com", "example.com.evil.net", "x.db.internal", "11.0.0.1", "192.168.1.8", "127.0.0.1", "fe80::1", "localhost", "127.1", "2130706433"]) {
      expect(hosts.allows(host), host).toBe(false);
    }
  });

  it("refuses a connection string when any of its hosts is not allowed, naming that host", () => {
    expect(() => hosts.check(parseConnectionString("mongodb://db.example.com,127.0.0.1:27017/bws?replicaSet=rs"))).toThrow(
      /^host '127.0.0.1' is not allowed by INSTALLATION_HOSTS/,
    );
    expect(() => hosts.check(parseConnectionString("mongodb+srv://cluster.example.com/bws"))).not.toThrow();
    expect(() => hosts.check(parseConnectionString("mongodb://10.9.9.9:27017,db.internal/bws"))).not.toThrow();
  });

  it("allows any host without patterns", () => {
    expect(() => parseInstallationHosts(" , ").check(parseConnectionString("mongodb://127.0.0.1/bws"))).not.toThrow();
  });

  it.each(["10.0.0.0/40", "http://x", "*.", "a..b", "*"])("refuses the pattern %s", (pattern) => {
    expect(() => parseInstallationHosts(pattern)).toThrow(/not a valid CIDR|neither a host name/);
  });
});
