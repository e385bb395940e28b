import { availableParallelism } from "node:os";
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
    [{ WORKER_POOL_SIZE: "0" }, "WORKER_POOL_SIZE"],
    [{ WORKER_QUEUE_LIMIT: "-1" }, "WORKER_QUEUE_LIMIT"],
    [{ WORKER_MODEL_THREADS: "0" }, "WORKER_MODEL_THREADS"],
    [{ WORKER_TASK_TIMEOUT_MS: "1.5" }, "WORKER_TASK_TIMEOUT_MS"],
    [{ WORKER_PRELOAD_MODELS: "later" }, "WORKER_PRELOAD_MODELS"],
    [{ PASSWORD_HASH_CONCURRENCY: "many" }, "PASSWORD_HASH_CONCURRENCY"],
    [{ CERTIFICATE_MAX_KDF_ITERATIONS: "0" }, "CERTIFICATE_MAX_KDF_ITERATIONS"],
    [{ LOGIN_MAX_FAILURES_PER_ACCOUNT: "101" }, "LOGIN_MAX_FAILURES_PER_ACCOUNT"],
    [{ TOKEN_MAX_SECRET_FAILURES: "0" }, "TOKEN_MAX_SECRET_FAILURES"],
    [{ PLAYGROUND_TOKENS_PER_USER_PER_MINUTE: "-1" }, "PLAYGROUND_TOKENS_PER_USER_PER_MINUTE"],
    [{ LIMITS_SYNC_MS: "5" }, "LIMITS_SYNC_MS"],
  ])("stops with a message naming the variable for %o", (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it("reads INSTALLATION_HOSTS as host patterns, none by default", () => {
    expect(parseConfig({}).installationHosts.patterns).toEqual([]);
    const hosts = parseConfig({ INSTALLATION_HOSTS: " *.example.com ,10.0.0.0/8,db.internal, fd00::/8 " }).installationHosts;
    expect(hosts.patterns).toEqual(["*.example.com", "10.0.0.0/8", "db.internal", "fd00::/8"]);
  });

  it("sizes the worker pool to keep a core for the event loop and caps iterations at 100,000 by default", () => {
    const config = parseConfig({});
    const size = Math.max(1, availableParallelism() - 1);
    expect(config.workerPool).toEqual({ size, queueLimit: 8, taskTimeoutMs: 30_000, modelThreads: Math.max(1, Math.floor(availableParallelism() / size)), preloadModels: true });
    expect(config.passwordHashing).toEqual({ concurrency: 2, queueLimit: 64 });
    expect(config.certificateMaxKdfIterations).toBe(100_000);
    expect(parseConfig({ WORKER_POOL_SIZE: "3", WORKER_QUEUE_LIMIT: "0" }).workerPool).toMatchObject({ size: 3, queueLimit: 0 });
  });

  it("gives each worker's face models the cores the pool leaves: two threads for one worker on two cores", () => {
    expect(parseConfig({ WORKER_POOL_SIZE: "1" }).workerPool.modelThreads).toBe(Math.max(1, availableParallelism()));
    expect(parseConfig({ WORKER_POOL_SIZE: "64" }).workerPool.modelThreads).toBe(1);
    expect(parseConfig({ WORKER_POOL_SIZE: "64", WORKER_MODEL_THREADS: "3" }).workerPool.modelThreads).toBe(3);
  });

  it("loads the face models at start-up unless WORKER_PRELOAD_MODELS is false", () => {
    expect(parseConfig({ WORKER_PRELOAD_MODELS: "false" }).workerPool.preloadModels).toBe(false);
    expect(parseConfig({ WORKER_PRELOAD_MODELS: "true" }).workerPool.preloadModels).toBe(true);
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
      livenessFailuresPerUser: 5,
      livenessFailureWindowSeconds: 180,
      syncMs: 250,
    });
  });
});
