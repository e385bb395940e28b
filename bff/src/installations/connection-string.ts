import { MongoClient } from "mongodb";
import { ConnectionString } from "mongodb-connection-string-url";
import { z } from "zod";

/**
 * MongoDB connection strings are data, not driver input. Rules:
 * - Parsed with the driver's own parser (mongodb-connection-string-url); the driver then
 *   checks the option values of the rebuilt string, without connecting.
 * - Kept: hosts and ports, database, credentials and the options in `allowedOptions`.
 *   Refused, naming the option: files (tlsCAFile, tlsCertificateKeyFile, …), proxies,
 *   authentication other than SCRAM, authMechanismProperties, and anything unknown, since
 *   each makes the server read local files or send secrets somewhere else.
 * - The store connects with the normalised string rebuilt from the kept parts, never with
 *   what was typed; it is also what is stored.
 * - Masked wherever shown to someone other than an installation Owner; never logged.
 */
const allowedOptions = new Map(
  [
    "appName",
    "authMechanism",
    "authSource",
    "compressors",
    "connectTimeoutMS",
    "directConnection",
    "heartbeatFrequencyMS",
    "journal",
    "loadBalanced",
    "localThresholdMS",
    "maxIdleTimeMS",
    "maxPoolSize",
    "maxStalenessSeconds",
    "minPoolSize",
    "readConcernLevel",
    "readPreference",
    "readPreferenceTags",
    "replicaSet",
    "retryReads",
    "retryWrites",
    "serverSelectionTimeoutMS",
    "socketTimeoutMS",
    "srvMaxHosts",
    "srvServiceName",
    "ssl",
    "tls",
    "tlsAllowInvalidCertificates",
    "tlsAllowInvalidHostnames",
    "tlsInsecure",
    "w",
    "waitQueueTimeoutMS",
    "wtimeoutMS",
    "zlibCompressionLevel",
  ].map((name) => [name.toLowerCase(), name]),
);

const allowedMechanisms = new Set(["SCRAM-SHA-1", "SCRAM-SHA-256"]);

/** Options that may appear more than once (the driver reads a list). */
const repeatable = new Set(["readPreferenceTags"]);

/** Characters MongoDB does not allow in database names. */
const databaseNameForbidden = /[/\\. "$*<>:|?\u0000]/;

export class ConnectionStringError extends Error {}

export interface ParsedConnectionString {
  /** Rebuilt from the kept parts; what is stored and what the driver gets. */
  normalised: string;
  /** Host names or IP literals as written (lower case, without port or brackets). */
  hosts: string[];
  srv: boolean;
}

export function parseConnectionString(value: string): ParsedConnectionString {
  let url: ConnectionString;
  try {
    url = new ConnectionString(value);
  } catch (error) {
    throw new ConnectionStringError(`not a valid MongoDB connection string (${maskConnectionStringsIn(messageOf(error))})`);
  }
  const database = safeDecode(url.pathname.replace(/^\//, ""));
  if (database === undefined || databaseNameForbidden.test(database) || database.length > 64) {
    throw new ConnectionStringError("the database name is not one MongoDB allows (at most 64 characters, none of / \\ . \" $ * < > : | ?)");
  }

  const kept: [string, string][] = [];
  const seen = new Set<string>();
  for (const [key, optionValue] of url.searchParams) {
    const name = allowedOptions.get(key.toLowerCase());
    if (!name) throw new ConnectionStringError(`option '${clip(key)}' is not allowed (allowed: ${[...allowedOptions.values()].join(", ")})`);
    if (seen.has(name) && !repeatable.has(name)) throw new ConnectionStringError(`option '${name}' appears more than once`);
    if (name === "authMechanism" && !allowedMechanisms.has(optionValue.toUpperCase())) {
      throw new ConnectionStringError(`option 'authMechanism' must be SCRAM-SHA-1 or SCRAM-SHA-256, not '${clip(optionValue)}'`);
    }
    seen.add(name);
    kept.push([name, optionValue]);
  }

  const normalisedUrl = url.clone();
  for (const key of [...normalisedUrl.searchParams.keys()]) normalisedUrl.searchParams.delete(key);
  for (const [name, optionValue] of kept) normalisedUrl.searchParams.append(name, optionValue);
  const normalised = normalisedUrl.toString();
  try {
    // Parses every option value as the driver will; a client that never connects holds no resources.
    new MongoClient(normalised);
  } catch (error) {
    throw new ConnectionStringError(`the MongoDB driver does not accept it: ${maskConnectionStringsIn(messageOf(error))}`);
  }
  return { normalised, hosts: url.hosts.map(hostOf), srv: url.isSRV };
}

export const connectionStringSchema = z
  .string({ error: "must be a text" })
  .trim()
  .max(2000, "must be at most 2000 characters")
  .regex(/^mongodb(\+srv)?:\/\/\S+$/, "must be a MongoDB connection string (mongodb:// or mongodb+srv://)")
  .transform((value, ctx) => {
    try {
      return parseConnectionString(value).normalised;
    } catch (error) {
      if (!(error instanceof ConnectionStringError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

export function maskConnectionString(value: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:([^:@/]*)(?::[^@/]*)?@)?([^/?]*)(\/[^?]*)?/.exec(value);
  if (!match) return "mongodb://****";
  const [, scheme, user, hosts, database] = match;
  return `${scheme}${user ? `${user}:****@` : ""}${hosts}${database ?? ""}`;
}

/** Replaces every connection string inside a text (error messages from drivers). */
export function maskConnectionStringsIn(text: string): string {
  return text.replace(/mongodb(\+srv)?:\/\/[^\s"'<>]+/g, (found) => maskConnectionString(found));
}

/** `host:port`, `[v6]:port` or `host` → the host, lower case. */
function hostOf(hostAndPort: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(hostAndPort);
  const host = bracketed ? bracketed[1]! : hostAndPort.replace(/:\d*$/, "");
  return host.toLowerCase().replace(/\.$/, "");
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
