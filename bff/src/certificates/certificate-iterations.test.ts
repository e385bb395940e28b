import { createPrivateKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encryptedPkcs8Pem, makeTestCertificate, pkcs12StatingIterations } from "../testing/test-certificates.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * Issue #10, row 2: a key protected with a huge PBKDF2 iteration count and a wrong
 * password stalled the server for ten seconds. Counts over CERTIFICATE_MAX_KDF_ITERATIONS
 * (default 100,000) are refused unread; keys within it are decrypted in the worker pool.
 */
describe("key derivation iterations of certificate uploads", () => {
  let server: TestServer;
  let demoId: string;
  const certificate = makeTestCertificate({ commonName: "iterations", keyName: "iterations" });

  beforeAll(async () => {
    server = await startTestServer();
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => server?.stop());

  const upload = (body: unknown) => server.send("editor", "POST", `/api/installations/${demoId}/certificates`, body);

  it("answers 400 naming the count and the cap when an Editor uploads a PKCS#8 key with 1,000,000 iterations and a wrong password, and stores nothing", async () => {
    const privateKeyPem = encryptedPkcs8Pem(certificate.privateKeyPem, "the right one", 1_000_000);
    const response = await upload({ certificatePem: certificate.certificatePem, privateKeyPem, privateKeyPassword: "a wrong one" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { Message: string; Code: string };
    expect(body.Code).toBe("TooManyKdfIterations");
    expect(body.Message).toMatch(/1,000,000 key derivation iterations; this server accepts at most 100,000/);
    expect(await server.db.prisma.certificate.count({ where: { installationId: demoId } })).toBe(0);
  });

  it("answers 400 naming the cap for PKCS#12 files stating 1,000,000 MAC or key iterations", async () => {
    for (const where of ["mac", "key"] as const) {
      const response = await upload({ pkcs12: pkcs12StatingIterations(certificate, "pw", where, 1_000_000), password: "pw" });
      expect(response.status).toBe(400);
      expect(await messageOf(response)).toMatch(/uses 1,000,000 .*at most 100,000/);
    }
  });

  it("decrypts a key at the cap in a worker while /healthz answers, and stores it", async () => {
    const privateKeyPem = encryptedPkcs8Pem(certificate.privateKeyPem, "secret", 100_000);
    let uploaded = false;
    const pending = upload({ certificatePem: certificate.certificatePem, privateKeyPem, privateKeyPassword: "secret" }).then((response) => {
      uploaded = true;
      return response;
    });
    await vi.waitFor(() => expect(server.workers.load.running).toBe(1), { timeout: 20_000, interval: 5 });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(uploaded).toBe(false);
    const response = await pending;
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: "iterations" });
  }, 60_000);

  it("accepts a key as node:crypto exports it (PBES2, 2,048 iterations)", async () => {
    const other = makeTestCertificate({ commonName: "node-export", keyName: "node-export" });
    const privateKeyPem = createPrivateKey(other.privateKeyPem).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" });
    const response = await upload({ certificatePem: other.certificatePem, privateKeyPem, privateKeyPassword: "secret" });
    expect(response.status).toBe(201);
  });
});
