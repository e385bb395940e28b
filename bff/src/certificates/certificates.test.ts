import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "../testing/db-snapshot.ts";
import { makeTestCertificate, thumbprintOf } from "../testing/test-certificates.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface CertificateView {
  id: string;
  name: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  expired: boolean;
  thumbprint: string;
  clients: string[];
}

const day = 86_400_000;

function validityOf(certificatePem: string) {
  const { notBefore, notAfter } = forge.pki.certificateFromPem(certificatePem).validity;
  return { notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() };
}

describe("certificates of installations and clients", () => {
  let server: TestServer;
  let demoId: string;
  const pemCertificate = makeTestCertificate({ commonName: "pem-upload", keyName: "pem" });
  const p12Certificate = makeTestCertificate({ commonName: "p12-upload", keyName: "p12" });
  let pemUploaded: CertificateView;
  let p12Uploaded: CertificateView;

  beforeAll(async () => {
    server = await startTestServer();
    demoId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
  });
  afterAll(async () => server?.stop());



  const upload = (username: string, body: unknown) => server.send(username, "POST", `/api/installations/${demoId}/certificates`, body);

  async function clientCertificates(username: string, client: string): Promise<CertificateView[]> {
    const response = await server.send(username, "GET", `/api/clients/${client}/certificates`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: CertificateView[] }).items;
  }

  it("reads subject, issuer, validity and thumbprint from an uploaded PEM pair", async () => {
    const response = await upload("owner", { certificatePem: pemCertificate.certificatePem, privateKeyPem: pemCertificate.privateKeyPem });
    expect(response.status).toBe(201);
    pemUploaded = (await response.json()) as CertificateView;
    expect(pemUploaded).toMatchObject({
      name: "pem-upload",
      subject: "CN=pem-upload, O=BWS Test",
      issuer: "CN=pem-upload, O=BWS Test",
      ...validityOf(pemCertificate.certificatePem),
      expired: false,
      thumbprint: thumbprintOf(pemCertificate.certificatePem),
      clients: [],
    });
    expect(pemUploaded.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    const row = await server.db.prisma.certificate.findUniqueOrThrow({ where: { id: pemUploaded.id } });
    expect(row.privateKeyEnc).not.toContain("PRIVATE KEY");
  });

  it("reads a PKCS#12 file opened with its password, under the name given", async () => {
    const response = await upload("editor", { name: "Partner certificate", pkcs12: p12Certificate.pkcs12("p12-secret"), password: "p12-secret" });
    expect(response.status).toBe(201);
    p12Uploaded = (await response.json()) as CertificateView;
    expect(p12Uploaded).toMatchObject({
      name: "Partner certificate",
      subject: "CN=p12-upload, O=BWS Test",
      issuer: "CN=p12-upload, O=BWS Test",
      ...validityOf(p12Certificate.certificatePem),
      thumbprint: thumbprintOf(p12Certificate.certificatePem),
    });
    const list = await server.send("viewer", "GET", `/api/installations/${demoId}/certificates`);
    expect(((await list.json()) as { items: CertificateView[] }).items.map((c) => c.thumbprint).sort()).toEqual(
      [pemUploaded.thumbprint, p12Uploaded.thumbprint].sort(),
    );
  });

  const now = Date.now();
  const expired = makeTestCertificate({ commonName: "expired", notBefore: new Date(now - 400 * day), notAfter: new Date(now - day) });
  const future = makeTestCertificate({ commonName: "future", notBefore: new Date(now + day), notAfter: new Date(now + 400 * day) });
  const mismatchCertificate = makeTestCertificate({ commonName: "mismatch", keyName: "key-a" });
  const otherKey = makeTestCertificate({ keyName: "key-b" }).privateKeyPem;
  const brokenPem = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

  it.each([
    ["an expired certificate", { certificatePem: expired.certificatePem, privateKeyPem: expired.privateKeyPem }, /^The certificate expired on \d{4}-/],
    ["a not yet valid certificate", { certificatePem: future.certificatePem, privateKeyPem: future.privateKeyPem }, /^The certificate is not valid before \d{4}-/],
    ["a key that does not match", { certificatePem: mismatchCertificate.certificatePem, privateKeyPem: otherKey }, /private key does not belong to the certificate/],
    ["a malformed PEM certificate", { certificatePem: brokenPem, privateKeyPem: pemCertificate.privateKeyPem }, /not a readable PEM X\.509 certificate/],
    ["a malformed PEM key", { certificatePem: pemCertificate.certificatePem, privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }, /private key is not a readable PEM RSA key/],
    ["a PKCS#12 file with the wrong password", { pkcs12: p12Certificate.pkcs12("right"), password: "wrong" }, /PKCS#12 file cannot be opened: it is damaged or the password is wrong/],
  ])("answers 400 with a clear Message for %s, and stores nothing", async (_what, body, message) => {
    const before = await snapshotDatabase(server.db.prisma);
    const response = await upload("owner", body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { Message: string; Code: string };
    expect(error.Message).toMatch(message);
    expect(error.Code).toBe("InvalidCertificate");
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("answers 400 with a Message for a body that is neither a PEM pair nor PKCS#12", async () => {
    const response = await upload("owner", { certificate: "x" });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/send either certificatePem and privateKeyPem, or pkcs12/);
  });

  it("answers 409 with a Message when the same certificate is uploaded again, in either format", async () => {
    const response = await upload("owner", { pkcs12: pemCertificate.pkcs12("again-pass"), password: "again-pass" });
    expect(response.status).toBe(409);
    expect(await messageOf(response)).toBe(`The certificate with thumbprint ${pemUploaded.thumbprint} is already uploaded to this installation.`);
  });

  it("attaches a certificate to a client: it appears in the client's list and the client's version rises", async () => {
    const versionBefore = (await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } })).version;
    const response = await server.send("editor", "PUT", `/api/clients/demo-client/certificates/${p12Uploaded.id}`);
    expect(response.status).toBe(204);
    expect((await clientCertificates("viewer", "demo-client")).map((c) => [c.thumbprint, c.clients])).toEqual([
      [p12Uploaded.thumbprint, ["demo-client"]],
    ]);
    expect(await clientCertificates("viewer", "second-client")).toEqual([]);
    expect((await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } })).version).toBe(versionBefore + 1);
    expect((await server.send("editor", "PUT", `/api/clients/demo-client/certificates/${p12Uploaded.id}`)).status).toBe(204);
    expect(await clientCertificates("viewer", "demo-client")).toHaveLength(1);
  });

  it("answers 400 when attaching a certificate of another installation", async () => {
    const labId = (await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "lab" } })).id;
    const labCertificate = makeTestCertificate({ commonName: "lab-cert", keyName: "lab" });
    const uploaded = await server.send("admin", "POST", `/api/installations/${labId}/certificates`, {
      certificatePem: labCertificate.certificatePem,
      privateKeyPem: labCertificate.privateKeyPem,
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as CertificateView;
    const response = await server.send("admin", "PUT", `/api/clients/demo-client/certificates/${id}`);
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/belongs to another installation/);
  });

  it("downloads an attached certificate as PKCS#12 that opens with the chosen password and holds the certificate and its key", async () => {
    const response = await server.send("owner", "POST", `/api/clients/demo-client/certificates/${p12Uploaded.id}/pkcs12`, { password: "download-pass" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-pkcs12/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Partner_certificate.pfx"');
    const der = Buffer.from(await response.arrayBuffer()).toString("binary");

    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), "wrong-pass")).toThrow();
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), "download-pass");
    const certificates = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]!.map((bag) => bag.cert!);
    expect(certificates.map((cert) => thumbprintOf(forge.pki.certificateToPem(cert)))).toEqual([p12Uploaded.thumbprint]);
    const key = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]![0]!.key as forge.pki.rsa.PrivateKey;
    const publicKey = certificates[0]!.publicKey as forge.pki.rsa.PublicKey;
    expect(key.n.compareTo(publicKey.n)).toBe(0);
  });

  it("answers 400 for a download password shorter than 8 characters, and 404 for a certificate not attached to the client", async () => {
    const short = await server.send("owner", "POST", `/api/clients/demo-client/certificates/${p12Uploaded.id}/pkcs12`, { password: "short" });
    expect(short.status).toBe(400);
    expect(await messageOf(short)).toMatch(/password: must be at least 8 characters/);
    const unattached = await server.send("owner", "POST", `/api/clients/demo-client/certificates/${pemUploaded.id}/pkcs12`, { password: "download-pass" });
    expect(unattached.status).toBe(404);
    expect(await messageOf(unattached)).toMatch(/not attached to this client/);
  });

  it.each(["support", "viewer"])("answers 403 with a Message when %s uploads, attaches, detaches or downloads, and changes nothing", async (username) => {
    const before = await snapshotDatabase(server.db.prisma);
    const other = makeTestCertificate({ commonName: "refused", keyName: "refused" });
    const uploadResponse = await upload(username, { certificatePem: other.certificatePem, privateKeyPem: other.privateKeyPem });
    expect(uploadResponse.status).toBe(403);
    expect(await messageOf(uploadResponse)).toMatch(/manage this installation's certificates/);
    for (const [method, path, body] of [
      ["PUT", `/api/clients/second-client/certificates/${p12Uploaded.id}`, undefined],
      ["DELETE", `/api/clients/demo-client/certificates/${p12Uploaded.id}`, undefined],
      ["POST", `/api/clients/demo-client/certificates/${p12Uploaded.id}/pkcs12`, { password: "download-pass" }],
    ] as const) {
      const response = await server.send(username, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await messageOf(response)).toMatch(/manage this client's certificates/);
    }
    expect(await snapshotDatabase(server.db.prisma)).toBe(before);
  });

  it("answers 409 when deleting a certificate attached to a client, and deletes it once detached", async () => {
    const attached = await server.send("owner", "DELETE", `/api/installations/${demoId}/certificates/${p12Uploaded.id}`);
    expect(attached.status).toBe(409);
    expect(await messageOf(attached)).toBe("The certificate is attached to 'demo-client'; detach it first.");

    const detached = await server.send("editor", "DELETE", `/api/clients/demo-client/certificates/${p12Uploaded.id}`);
    expect(detached.status).toBe(204);
    expect(await clientCertificates("viewer", "demo-client")).toEqual([]);
    const again = await server.send("editor", "DELETE", `/api/clients/demo-client/certificates/${p12Uploaded.id}`);
    expect(again.status).toBe(404);
    expect(await messageOf(again)).toMatch(/not attached to this client/);

    const deleted = await server.send("owner", "DELETE", `/api/installations/${demoId}/certificates/${p12Uploaded.id}`);
    expect(deleted.status).toBe(204);
    expect(await server.db.prisma.certificate.count({ where: { id: p12Uploaded.id } })).toBe(0);
    expect((await server.send("owner", "DELETE", `/api/installations/${demoId}/certificates/${p12Uploaded.id}`)).status).toBe(404);
  });

  it("records uploads, attachments and downloads in the audit log without key material", async () => {
    const events = await server.db.prisma.auditEvent.findMany({ where: { action: { contains: "certificate" } }, select: { action: true } });
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(["certificate.upload", "certificate.delete", "client.certificate.attach", "client.certificate.detach", "client.certificate.download"]),
    );
    const [{ leaks }] = await server.db.prisma.$queryRaw<{ leaks: bigint }[]>`
      SELECT count(*) AS leaks FROM audit_events WHERE coalesce("after"::text, '') || coalesce("before"::text, '') LIKE '%PRIVATE KEY%'`;
    expect(Number(leaks)).toBe(0);
  });
});
