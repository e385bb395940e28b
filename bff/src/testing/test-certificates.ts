import forge from "node-forge";

/** Self-signed RSA certificates for tests, as PEM pair and as PKCS#12 (base64). */
export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
  pkcs12(password: string): string;
}

const keyCache = new Map<string, forge.pki.rsa.KeyPair>();

function keyPair(name: string): forge.pki.rsa.KeyPair {
  let keys = keyCache.get(name);
  if (!keys) {
    keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
    keyCache.set(name, keys);
  }
  return keys;
}

export function makeTestCertificate(
  options: { commonName?: string; notBefore?: Date; notAfter?: Date; keyName?: string } = {},
): TestCertificate {
  const keys = keyPair(options.keyName ?? "default");
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = forge.util.bytesToHex(forge.random.getBytesSync(8)).replace(/^[89a-f]/, "1");
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: "commonName", value: options.commonName ?? "test-client" }, { name: "organizationName", value: "BWS Test" }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  const privateKeyPem = forge.pki.privateKeyToPem(keys.privateKey);
  return {
    certificatePem,
    privateKeyPem,
    pkcs12: (password) =>
      forge.util.encode64(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: "3des" })).getBytes()),
  };
}

export function thumbprintOf(certificatePem: string): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certificatePem))).getBytes();
  return forge.md.sha1.create().update(der).digest().toHex().toUpperCase();
}
