import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { MongoNetworkTimeoutError, MongoServerError } from "mongodb";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InstallationHosts } from "../installations/installation-hosts.ts";
import { mongoFailureCategory } from "./mongo-failure-category.ts";
import { MongoInstallationStoreFactory } from "./mongo-installation-store.ts";
import { describeStoreFailure, InstallationStoreError } from "./store-failure.ts";

/** What the driver reports for real sockets, sorted into what users may see. */
describe("MongoDB failures as categories", () => {
  const factory = new MongoInstallationStoreFactory({ serverSelectionTimeoutMS: 500 });
  let http: Server;
  let tls: ReturnType<typeof createTlsServer>;
  const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

  beforeAll(async () => {
    http = createServer((_req, res) => res.end("not a MongoDB"));
    tls = createTlsServer(selfSignedCertificate(), (socket) => socket.end());
    await Promise.all([new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve)), new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve))]);
  });
  afterAll(() => {
    http?.close();
    tls?.close();
  });

  async function failureOf(connectionString: string) {
    const store = factory.open(connectionString);
    try {
      await store.deleteClient("x", 1);
      throw new Error("the call succeeded");
    } catch (error) {
      expect(error).toBeInstanceOf(InstallationStoreError);
      return describeStoreFailure(error);
    } finally {
      await store.close();
    }
  }

  it("gives a closed port and an open port of another service the same category and message", async () => {
    const closed = await failureOf("mongodb://bws:pw@127.0.0.1:1/bws");
    const open = await failureOf(`mongodb://bws:pw@127.0.0.1:${portOf(http)}/bws`);
    expect(closed.category).toBe("unreachable");
    expect(open).toMatchObject({ category: closed.category, message: closed.message });
    expect(closed.message).not.toMatch(/ECONNREFUSED|closed|127\.0\.0\.1/);
    expect(closed.detail).toMatch(/ECONNREFUSED/);
    expect(open.detail).toMatch(/closed/);
  });

  it("calls a name that does not resolve unreachable too", async () => {
    expect((await failureOf("mongodb://db.nonexistent.invalid/bws")).category).toBe("unreachable");
  });

  it("calls a certificate the driver does not trust a TLS failure", async () => {
    const failure = await failureOf(`mongodb://127.0.0.1:${portOf(tls)}/bws?tls=true`);
    expect(failure.category).toBe("tlsFailed");
    expect(failure.message).not.toMatch(/self.signed|DEPTH_ZERO/i);
  });

  it("sorts authentication failures and timeouts of connections in use", () => {
    expect(mongoFailureCategory(new MongoServerError({ code: 18, errmsg: "Authentication failed." }))).toBe("authenticationFailed");
    expect(mongoFailureCategory(new MongoServerError({ code: 13, errmsg: "not authorized on bws" }))).toBe("authenticationFailed");
    expect(mongoFailureCategory(new MongoNetworkTimeoutError("connection 3 to 10.0.0.1:27017 timed out"))).toBe("timedOut");
    expect(mongoFailureCategory(new MongoServerError({ code: 11600, errmsg: "interrupted at shutdown" }))).toBe("other");
  });

  it("does not use a stored connection string the rules no longer allow, saying why", async () => {
    const restricted = new MongoInstallationStoreFactory({ hosts: new InstallationHosts(["*.example.com"]) });
    for (const [connectionString, reason] of [
      ["mongodb://127.0.0.1:1/bws", /host '127.0.0.1' is not allowed by INSTALLATION_HOSTS/],
      ["mongodb://db.example.com/bws?tlsCAFile=/etc/hostname", /option 'tlsCAFile' is not allowed/],
    ] as const) {
      const store = restricted.open(connectionString);
      const error = await store.deleteClient("x", 1).catch((thrown: unknown) => thrown);
      expect(describeStoreFailure(error)).toMatchObject({ category: "refused", message: expect.stringMatching(reason) });
      await expect(async () => {
        for await (const _client of store.readClients()) break;
      }).rejects.toBeInstanceOf(InstallationStoreError);
    }
  });

  it("shows an error that is not the store's as unexpected, keeping its text for the log only", () => {
    const failure = describeStoreFailure(new Error("Invalid `prisma.x()` for mongodb://bws:hunter2@db/bws"));
    expect(failure).toMatchObject({ category: "internal", message: expect.not.stringContaining("prisma") });
    expect(failure.detail).toContain("mongodb://bws:****@db/bws");
    expect(failure.detail).not.toContain("hunter2");
  });
});

function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  certificate.serialNumber = "01";
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: "commonName", value: "127.0.0.1" }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  const key = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  certificate.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(certificate) };
}
