import { BlockList, isIP } from "node:net";
import { ConnectionStringError, type ParsedConnectionString } from "./connection-string.ts";

/**
 * INSTALLATION_HOSTS: the hosts an installation's connection string may name. Rules:
 * - Unset: any host.
 * - `db.example.com` matches that name; `*.example.com` every name below example.com
 *   (not example.com itself); `10.0.0.0/8` or `fd00::/8` IP literals in the range; a bare
 *   IP address exactly that address.
 * - Every host of a connection string must match one pattern, or it is refused.
 * - Names are compared as written (case-insensitive, without a trailing dot) and never
 *   resolved here: an IP pattern does not match a name. For mongodb+srv the SRV name must
 *   match; the driver only follows SRV records into that name's own domain.
 */
export class InstallationHosts {
  private readonly names = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly addresses = new BlockList();

  constructor(readonly patterns: readonly string[] = []) {
    for (const pattern of patterns) this.add(pattern);
  }

  /** Throws ConnectionStringError naming the first host no pattern matches. */
  check(parsed: Pick<ParsedConnectionString, "hosts">): void {
    if (this.patterns.length === 0) return;
    const refused = parsed.hosts.find((host) => !this.allows(host));
    if (refused !== undefined) {
      throw new ConnectionStringError(`host '${refused}' is not allowed by INSTALLATION_HOSTS (${this.patterns.join(", ")})`);
    }
  }

  allows(host: string): boolean {
    const family = isIP(host);
    if (family) return this.addresses.check(host, family === 6 ? "ipv6" : "ipv4");
    const name = host.toLowerCase().replace(/\.$/, "");
    return this.names.has(name) || this.suffixes.some((suffix) => name.endsWith(suffix) && name.length > suffix.length);
  }

  private add(pattern: string): void {
    const cidr = /^([^/]+)\/(\d{1,3})$/.exec(pattern);
    if (cidr) {
      const family = isIP(cidr[1]!);
      const prefix = Number(cidr[2]);
      if (!family || prefix > (family === 6 ? 128 : 32)) throw new Error(`'${pattern}' is not a valid CIDR range`);
      this.addresses.addSubnet(cidr[1]!, prefix, family === 6 ? "ipv6" : "ipv4");
      return;
    }
    const family = isIP(pattern);
    if (family) {
      this.addresses.addAddress(pattern, family === 6 ? "ipv6" : "ipv4");
      return;
    }
    const name = /^(\*\.)?((?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)\.?$/i.exec(pattern);
    if (!name) throw new Error(`'${pattern}' is neither a host name, a '*.domain' pattern, an IP address nor a CIDR range`);
    if (name[1]) this.suffixes.push(`.${name[2]!.toLowerCase()}`);
    else this.names.add(name[2]!.toLowerCase());
  }
}

/** Reads INSTALLATION_HOSTS' comma-separated list; throws naming the first invalid pattern. */
export function parseInstallationHosts(list: string): InstallationHosts {
  return new InstallationHosts(
    list
      .split(",")
      .map((pattern) => pattern.trim())
      .filter(Boolean),
  );
}
