import path from "node:path";
import { z } from "zod";
import { InstallationHosts, parseInstallationHosts } from "./installations/installation-hosts.ts";

/**
 * Configuration comes from the environment only (SPEC "Public interface").
 * Rules:
 * - Parsed once at start; an invalid value stops start-up with a message naming the variable.
 * - PUBLIC_URL defaults to http://localhost:$PORT and never ends with a slash.
 * - OIDC_ISSUER switches the embedded identity provider off; the BFF then needs the
 *   introspection credentials of that issuer.
 */
const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .transform((value) => value.replace(/\/+$/, ""));

const envSchema = z
  .object({
    PORT: z.coerce.number({ error: "must be a number" }).int().min(0).max(65535).default(8080),
    PUBLIC_URL: httpUrl.optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    DATA_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be 32 bytes, base64url encoded (43 characters)")
      .optional(),
    OIDC_ISSUER: httpUrl.optional(),
    OIDC_INTROSPECTION_CLIENT_ID: z.string().min(1).optional(),
    OIDC_INTROSPECTION_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_PORTAL_CLIENT_ID: z.string().min(1).default("bws-portal"),
    OIDC_SWAGGER_CLIENT_ID: z.string().min(1).default("bws-swagger"),
    SCRIPTS_CLIENT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    DEMO_DATA: booleanString.optional(),
    DEMO_USAGE_DAYS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0).max(400, "must be at most 400").default(90),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    PORTAL_DIST: z.string().min(1).default("dist/portal/browser"),
    TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: "must be a number" }).int().min(0).max(1_000_000).default(600),
    INTROSPECTION_CACHE_SECONDS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0).max(3600, "must be at most 3600").default(30),
    INSTALLATION_HOSTS: z
      .string()
      .optional()
      .transform((list, ctx) => {
        try {
          return list === undefined ? new InstallationHosts() : parseInstallationHosts(list);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
    LIVENESS_FAILURES_PER_USER: z.coerce.number({ error: "must be a number" }).int().min(0).max(1000).default(5),
    LIVENESS_FAILURE_WINDOW_SECONDS: z.coerce.number({ error: "must be a number" }).int().min(1).max(86_400).default(180),
    LIVENESS_PRINT_RETENTION_DAYS: z.coerce.number({ error: "must be a number" }).int().min(1).max(3650).default(30),
  })
  .superRefine((env, ctx) => {
    if (env.OIDC_ISSUER && !(env.OIDC_INTROSPECTION_CLIENT_ID && env.OIDC_INTROSPECTION_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_INTROSPECTION_CLIENT_ID"],
        message: "OIDC_INTROSPECTION_CLIENT_ID and OIDC_INTROSPECTION_CLIENT_SECRET are required with OIDC_ISSUER",
      });
    }
  });

export interface Config {
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  dataKey?: string;
  /** Set when an external issuer replaces the embedded identity provider. */
  externalIssuer?: string;
  introspectionClientId?: string;
  introspectionClientSecret?: string;
  portalClientId: string;
  /** Swagger UI's public client at an external issuer; the embedded IdP always uses bws-swagger. */
  swaggerClientId: string;
  scriptsClientSecret?: string;
  /** undefined: seed demo data only into an empty database. */
  demoData?: boolean;
  /** Days of generated usage the demo data brings (0: none). */
  demoUsageDays: number;
  logLevel: string;
  portalDist: string;
  /** Token Web API requests per App-ID and minute; 0 turns the limit off. */
  tokenRateLimitPerMinute: number;
  /** How long an active introspection answer is reused (revocations at the embedded IdP evict at once). */
  introspectionCacheSeconds: number;
  /** The hosts installations' connection strings may name (no patterns: any). */
  installationHosts: InstallationHosts;
  liveness: LivenessLimits;
}

export interface LivenessLimits {
  /** Failed playground liveness attempts a user may make within the window; 0 turns the limit off. */
  failuresPerUser: number;
  failureWindowSeconds: number;
  /** Days the fingerprints of posted frames are kept (the replay store). */
  printRetentionDays: number;
}

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dataKey: e.DATA_KEY,
    externalIssuer: e.OIDC_ISSUER,
    introspectionClientId: e.OIDC_INTROSPECTION_CLIENT_ID,
    introspectionClientSecret: e.OIDC_INTROSPECTION_CLIENT_SECRET,
    portalClientId: e.OIDC_PORTAL_CLIENT_ID,
    swaggerClientId: e.OIDC_SWAGGER_CLIENT_ID,
    scriptsClientSecret: e.SCRIPTS_CLIENT_SECRET,
    demoData: e.DEMO_DATA,
    demoUsageDays: e.DEMO_USAGE_DAYS,
    logLevel: e.LOG_LEVEL,
    portalDist: path.resolve(e.PORTAL_DIST),
    tokenRateLimitPerMinute: e.TOKEN_RATE_LIMIT_PER_MINUTE,
    introspectionCacheSeconds: e.INTROSPECTION_CACHE_SECONDS,
    installationHosts: e.INSTALLATION_HOSTS,
    liveness: {
      failuresPerUser: e.LIVENESS_FAILURES_PER_USER,
      failureWindowSeconds: e.LIVENESS_FAILURE_WINDOW_SECONDS,
      printRetentionDays: e.LIVENESS_PRINT_RETENTION_DAYS,
    },
  };
}
