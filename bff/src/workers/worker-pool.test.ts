import { afterAll, describe, expect, it } from "vitest";
import { AppError, ServiceUnavailableError } from "../errors.ts";
import { encryptedPkcs8Pem, makeTestCertificate } from "../testing/test-certificates.ts";
import { WorkerPool } from "./worker-pool.ts";

/**
 * The pool runs tasks in worker threads with a bounded waiting line and a time limit.
 * A certificate key with 3,000,000 PBKDF2 iterations (allowed here by a raised cap) keeps
 * node-forge busy for about 40 s of CPU: the slow task these tests need. The time limit
 * (8 s) leaves a worker on a loaded machine seconds to start, and the slow task five times
 * as long to run; every second of it is a core busy while the other test files run.
 */
describe("WorkerPool", () => {
  const pool = new WorkerPool({ size: 1, queueLimit: 1, taskTimeoutMs: 8_000 });
  afterAll(() => pool.close());

  const certificate = makeTestCertificate({ commonName: "pool", keyName: "pool" });
  const slowUpload = {
    certificatePem: certificate.certificatePem,
    privateKeyPem: encryptedPkcs8Pem(certificate.privateKeyPem, "secret", 3_000_000),
    privateKeyPassword: "secret",
    maxKdfIterations: 10_000_000,
  };
  const quickUpload = { certificatePem: certificate.certificatePem, privateKeyPem: certificate.privateKeyPem, maxKdfIterations: 100_000 };

  it("runs a task in a worker thread and returns its value", async () => {
    const parsed = await pool.run("parseCertificateUpload", quickUpload);
    expect(parsed.commonName).toBe("pool");
    expect(parsed.notAfter).toBeInstanceOf(Date);
  }, 60_000);

  it("throws a task's refusal of its input as the same AppError", async () => {
    const refused = await pool.run("parseCertificateUpload", { ...quickUpload, privateKeyPem: "-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 400, code: "InvalidCertificate", message: expect.stringMatching(/private key/) });
  }, 60_000);

  it("refuses a task beyond its threads and waiting line with 503 and Retry-After, abandons tasks over their time limit, and works on after both", async () => {
    const running = pool.run("parseCertificateUpload", slowUpload).catch((error: unknown) => error);
    const waiting = pool.run("parseCertificateUpload", slowUpload).catch((error: unknown) => error);
    expect(pool.load).toEqual({ running: 1, waiting: 1 });
    const refused = await pool.run("parseCertificateUpload", quickUpload).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused).toMatchObject({ status: 503, code: "ServerBusy", headers: { "Retry-After": "5" } });
    expect(() => pool.assertCapacity()).toThrow(ServiceUnavailableError);

    for (const abandoned of await Promise.all([running, waiting])) {
      expect(abandoned).toBeInstanceOf(ServiceUnavailableError);
      expect(abandoned).toMatchObject({ status: 503, code: "WorkerTimeout", message: expect.stringMatching(/within 8 s/) });
    }
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
    expect((await pool.run("parseCertificateUpload", quickUpload)).commonName).toBe("pool");
  }, 120_000);
});

describe("WorkerPool.preloadFaceModels", () => {
  const pool = new WorkerPool({ size: 2, queueLimit: 0, taskTimeoutMs: 120_000 });
  afterAll(() => pool.close());

  it("starts every thread and loads the face models there, once", async () => {
    const first = await pool.preloadFaceModels();
    expect(first).toHaveLength(2);
    expect(new Set(first.map((thread) => thread.threadId)).size).toBe(2);
    expect(first.map((thread) => thread.loadedNow)).toEqual([true, true]);

    const again = await pool.preloadFaceModels();
    expect(again.map((thread) => thread.loadedNow)).toEqual([false, false]);
    expect(new Set([...first, ...again].map((thread) => thread.threadId)).size).toBe(2);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  }, 180_000);
});
