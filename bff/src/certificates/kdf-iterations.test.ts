import { createPrivateKey } from "node:crypto";
import forge from "node-forge";
import { afterEach, describe, expect, it, vi } from "vitest";
import { encryptedPkcs8Pem, makeTestCertificate, pkcs12StatingIterations } from "../testing/test-certificates.ts";
import { parseCertificateUpload } from "./certificate-parser.ts";
import { pkcs12KdfUses, pkcs8KdfUses, withKdfIterationCap } from "./kdf-iterations.ts";

/** Iteration counts are read from the ASN.1 and refused over the cap before node-forge derives any key. */
describe("key derivation iteration caps", () => {
  const certificate = makeTestCertificate({ commonName: "kdf", keyName: "kdf" });
  const der = (pem: string) => forge.pem.decode(pem)[0]!.body;
  const base64Der = (base64: string) => forge.util.decode64(base64);

  afterEach(() => vi.restoreAllMocks());

  it("reads the PBKDF2 count of an encrypted PKCS#8 key and the MAC, key bag and encrypted contents counts of a PKCS#12 file", () => {
    expect(pkcs8KdfUses(der(encryptedPkcs8Pem(certificate.privateKeyPem, "pw", 1_000_000)))).toEqual([
      { what: "The private key's encryption", iterations: 1_000_000n },
    ]);
    const uses = pkcs12KdfUses(base64Der(certificate.pkcs12("pw")));
    expect(uses.find((use) => use.what === "The PKCS#12 MAC")?.iterations).toBe(2048n);
    expect(uses.find((use) => use.what === "The PKCS#12 private key's encryption")?.iterations).toBe(2048n);
    expect(pkcs12KdfUses(base64Der(pkcs12StatingIterations(certificate, "pw", "key", 1_000_000)))).toContainEqual({
      what: "The PKCS#12 private key's encryption",
      iterations: 1_000_000n,
    });
    expect(pkcs12KdfUses(base64Der(pkcs12StatingIterations(certificate, "pw", "contents", 300_000)))).toContainEqual({
      what: "The PKCS#12 encrypted contents",
      iterations: 300_000n,
    });
  });

  it("refuses a PKCS#8 key with 1,000,000 iterations and a wrong password, naming count and cap, without deriving a key", () => {
    const upload = {
      certificatePem: certificate.certificatePem,
      privateKeyPem: encryptedPkcs8Pem(certificate.privateKeyPem, "right", 1_000_000),
      privateKeyPassword: "wrong",
      maxKdfIterations: 100_000,
    };
    const pbkdf2 = vi.spyOn(forge.pkcs5, "pbkdf2");
    expect(() => parseCertificateUpload(upload)).toThrow(expect.objectContaining({ status: 400, code: "TooManyKdfIterations", message: expect.stringMatching(/^The private key's encryption uses 1,000,000 .*at most 100,000/) }));
    expect(pbkdf2).not.toHaveBeenCalled();
  });

  it("refuses PKCS#12 files whose MAC, key bag or encrypted contents state too many iterations, without deriving a key", () => {
    const stated = { mac: "The PKCS#12 MAC", key: "The PKCS#12 private key's encryption", contents: "The PKCS#12 encrypted contents" };
    const uploads = Object.entries(stated).map(([where, what]) => ({
      what,
      upload: { pkcs12: pkcs12StatingIterations(certificate, "pw", where as keyof typeof stated, 1_000_000), password: "pw", maxKdfIterations: 100_000 },
    }));
    const pkcs12Key = vi.spyOn(forge.pkcs12, "generateKey");
    for (const { what, upload } of uploads) {
      expect(() => parseCertificateUpload(upload)).toThrow(expect.objectContaining({ status: 400, message: `${what} uses 1,000,000 key derivation iterations; this server accepts at most 100,000. Export the file again with fewer iterations (2,048 to 10,000 are usual).` }));
    }
    expect(pkcs12Key).not.toHaveBeenCalled();
  });

  it("reads keys with usual counts: node's own PKCS#8 export (2,048) and 10,000 iterations", () => {
    const nodeExport = createPrivateKey(certificate.privateKeyPem).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" });
    for (const privateKeyPem of [String(nodeExport), encryptedPkcs8Pem(certificate.privateKeyPem, "secret", 10_000)]) {
      const parsed = parseCertificateUpload({ certificatePem: certificate.certificatePem, privateKeyPem, privateKeyPassword: "secret", maxKdfIterations: 100_000 });
      expect(parsed.commonName).toBe("kdf");
    }
  });

  it("makes node-forge's own derivations refuse counts over the cap while guarded, and restores them after", () => {
    expect(() => withKdfIterationCap(1000, () => forge.pkcs5.pbkdf2("pw", "salt", 5000, 16))).toThrow(/5,000.*1,000/);
    expect(() => withKdfIterationCap(1000, () => forge.pkcs12.generateKey("pw", forge.util.createBuffer("salt"), 1, 5000, 24))).toThrow(/5,000/);
    expect(withKdfIterationCap(1000, () => forge.pkcs5.pbkdf2("pw", "salt", 1000, 16))).toHaveLength(16);
    expect(forge.pkcs5.pbkdf2("pw", "salt", 5000, 16)).toHaveLength(16);
  });
});
