import { availableParallelism } from "node:os";
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
 * - The worker pool keeps one core for the event loop by default (CPU cores - 1, at least 1).
 */
const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .transform((value) => value.replace(/\/+$/, ""));

const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
/** A limit's count: a whole number from `min` on (0 = off where allowed). */
function count(defaultValue: number, min = 0) {
  return z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min).max(1_000_000).default(defaultValue);
}

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
    WORKER_POOL_SIZE: wholeNumber(1, 64).default(() => Math.max(1, availableParallelism() - 1)),
    WORKER_MODEL_THREADS: wholeNumber(1, 16).optional(),
    WORKER_QUEUE_LIMIT: wholeNumber(0, 10_000).default(8),
    WORKER_TASK_TIMEOUT_MS: wholeNumber(1_000, 600_000).default(30_000),
    WORKER_PRELOAD_MODELS: booleanString.default(true),
    PASSWORD_HASH_CONCURRENCY: wholeNumber(1, 64).default(2),
    PASSWORD_HASH_QUEUE_LIMIT: wholeNumber(0, 100_000).default(64),
    CERTIFICATE_MAX_KDF_ITERATIONS: wholeNumber(1, 10_000_000).default(100_000),
    TOKEN_RATE_LIMIT_PER_MINUTE: count(600),
    TOKEN_MAX_SECRET_FAILURES: count(20, 1),
    TOKEN_MAX_UNKNOWN_APP_IDS: count(100, 1),
    // NIST SP 800-63B 5.2.2: at most 100 consecutive failed attempts on one account.
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1).max(100, "must be at most 100 (NIST SP 800-63B)").default(100),
    LOGIN_MAX_FAILURES_PER_SOURCE: count(30, 1),
    LOGIN_MAX_FAILURES_PER_DEVICE: count(20, 1),
    PASSWORD_GRANT_MAX_FAILURES: count(20, 1),
    PLAYGROUND_TOKENS_PER_USER_PER_MINUTE: count(10),
    PLAYGROUND_TOKENS_PER_CLIENT_PER_MINUTE: count(60),
    LIVENESS_ATTEMPTS_PER_USER_PER_MINUTE: count(30),
    LIVENESS_ATTEMPTS_PER_CLIENT_PER_MINUTE: count(120),
    LIVENESS_FAILURES_PER_USER: count(5),
    LIVENESS_FAILURE_WINDOW_SECONDS: wholeNumber(1, 86_400).default(180),
    LIMITS_SYNC_MS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(20).max(10_000).default(250),
    LIVENESS_PRINT_RETENTION_DAYS: wholeNumber(1, 3650).default(30),
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
  /** How long an active introspection answer is reused (revocations at the embedded IdP evict at once). */
  introspectionCacheSeconds: number;
  /** The hosts installations' connection strings may name (no patterns: any). */
  installationHosts: InstallationHosts;
  /**
   * Worker threads for untrusted CPU work (liveness frames, certificate files), their waiting
   * line and time limit, the threads each worker's face models may use, and whether the
   * server loads those models into every worker at start-up.
   */
  workerPool: { size: number; queueLimit: number; taskTimeoutMs: number; modelThreads: number; preloadModels: boolean };
  /** scrypt computations of sign-ins at once, and how many may wait. */
  passwordHashing: { concurrency: number; queueLimit: number };
  /** PBKDF2 / PKCS#12 iteration counts above this are refused before any key derivation. */
  certificateMaxKdfIterations: number;
  limits: LimitSettings;
  /** Days the fingerprints of posted liveness frames are kept (the replay store). */
  livenessPrintRetentionDays: number;
}

/** The abuse limits (README "Limits"); per-minute limits are off at 0. */
export interface LimitSettings {
  /** Token Web API requests per App-ID and minute. */
  tokenRatePerMinute: number;
  /** Wrong App-Secrets per App-ID and source address in 15 minutes. */
  tokenMaxSecretFailures: number;
  /** Unknown App-IDs per source address in 15 minutes. */
  tokenMaxUnknownAppIds: number;
  /** Consecutive failed sign-ins per account from devices it has not signed in on (24 h). */
  loginMaxFailuresPerAccount: number;
  /** Failed sign-ins per source address from unknown devices in 15 minutes. */
  loginMaxFailuresPerSource: number;
  /** Failed sign-ins per account on a device it has signed in on, in 15 minutes. */
  loginMaxFailuresPerDevice: number;
  /** Failed password grants per account and source address in 15 minutes. */
  passwordGrantMaxFailures: number;
  playgroundTokensPerUserPerMinute: number;
  playgroundTokensPerClientPerMinute: number;
  livenessAttemptsPerUserPerMinute: number;
  livenessAttemptsPerClientPerMinute: number;
  /** Failed liveness attempts per user in `livenessFailureWindowSeconds`; then 429 until the oldest leaves the window. */
  livenessFailuresPerUser: number;
  livenessFailureWindowSeconds: number;
  /** How often each instance shares its counts. */
  syncMs: number;
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
    introspectionCacheSeconds: e.INTROSPECTION_CACHE_SECONDS,
    installationHosts: e.INSTALLATION_HOSTS,
    workerPool: {
      size: e.WORKER_POOL_SIZE,
      queueLimit: e.WORKER_QUEUE_LIMIT,
      taskTimeoutMs: e.WORKER_TASK_TIMEOUT_MS,
      // The cores the pool's threads may share out: two on a 2-core machine's one worker, one where workers fill the cores.
      modelThreads: e.WORKER_MODEL_THREADS ?? Math.max(1, Math.floor(availableParallelism() / e.WORKER_POOL_SIZE)),
      preloadModels: e.WORKER_PRELOAD_MODELS,
    },
    passwordHashing: { concurrency: e.PASSWORD_HASH_CONCURRENCY, queueLimit: e.PASSWORD_HASH_QUEUE_LIMIT },
    certificateMaxKdfIterations: e.CERTIFICATE_MAX_KDF_ITERATIONS,
    limits: {
      tokenRatePerMinute: e.TOKEN_RATE_LIMIT_PER_MINUTE,
      tokenMaxSecretFailures: e.TOKEN_MAX_SECRET_FAILURES,
      tokenMaxUnknownAppIds: e.TOKEN_MAX_UNKNOWN_APP_IDS,
      loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      loginMaxFailuresPerSource: e.LOGIN_MAX_FAILURES_PER_SOURCE,
      loginMaxFailuresPerDevice: e.LOGIN_MAX_FAILURES_PER_DEVICE,
      passwordGrantMaxFailures: e.PASSWORD_GRANT_MAX_FAILURES,
      playgroundTokensPerUserPerMinute: e.PLAYGROUND_TOKENS_PER_USER_PER_MINUTE,
      playgroundTokensPerClientPerMinute: e.PLAYGROUND_TOKENS_PER_CLIENT_PER_MINUTE,
      livenessAttemptsPerUserPerMinute: e.LIVENESS_ATTEMPTS_PER_USER_PER_MINUTE,
      livenessAttemptsPerClientPerMinute: e.LIVENESS_ATTEMPTS_PER_CLIENT_PER_MINUTE,
      livenessFailuresPerUser: e.LIVENESS_FAILURES_PER_USER,
      livenessFailureWindowSeconds: e.LIVENESS_FAILURE_WINDOW_SECONDS,
      syncMs: e.LIMITS_SYNC_MS,
    },
    livenessPrintRetentionDays: e.LIVENESS_PRINT_RETENTION_DAYS,
  };
}
