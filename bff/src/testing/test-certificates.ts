import { createCipheriv, createPrivateKey, pbkdf2Sync, randomBytes } from "node:crypto";
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

const { asn1 } = forge;
const sequence = (...items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString("binary"));
const integer = (value: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());

/**
 * The key as an encrypted PKCS#8 PEM (PBES2: PBKDF2-HMAC-SHA256 with the given iteration
 * count, AES-256-CBC), as `openssl pkcs8 -topk8 -iter N` writes it. node:crypto derives
 * the key natively, so a million iterations take well under a second here.
 */
export function encryptedPkcs8Pem(privateKeyPem: string, password: string, iterations: number): string {
  const der = createPrivateKey(privateKeyPem).export({ type: "pkcs8", format: "der" });
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", pbkdf2Sync(password, salt, iterations, 32, "sha256"), iv);
  const encrypted = Buffer.concat([cipher.update(der), cipher.final()]);
  const pbkdf2 = sequence(oid("1.2.840.113549.1.5.12"), sequence(octets(salt), integer(iterations), sequence(oid("1.2.840.113549.2.9"), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ""))));
  const pbes2 = sequence(oid("1.2.840.113549.1.5.13"), sequence(pbkdf2, sequence(oid("2.16.840.1.101.3.4.1.42"), octets(iv))));
  return forge.pem.encode({ type: "ENCRYPTED PRIVATE KEY", body: asn1.toDer(sequence(pbes2, octets(encrypted))).getBytes() });
}

/**
 * A PKCS#12 (base64) of the certificate whose MAC, shrouded key bag or an added encrypted
 * contents part (as OpenSSL puts certificates in) states the given iteration count. The
 * file is made with node-forge's 2,048 iterations and the count written in afterwards (a
 * real million-iteration file takes forge minutes to make), so it is no longer intact:
 * it serves to test that the count is refused before anything is derived.
 */
export function pkcs12StatingIterations(certificate: TestCertificate, password: string, where: "mac" | "key" | "contents", iterations: number): string {
  const key = forge.pki.privateKeyFromPem(certificate.privateKeyPem);
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(certificate.certificatePem)], password, { algorithm: "3des", count: 2048 });
  const [, authSafe, macData] = pfx.value as forge.asn1.Asn1[];
  if (where === "mac") {
    (macData.value as forge.asn1.Asn1[])[2] = integer(iterations);
    return forge.util.encode64(asn1.toDer(pfx).getBytes());
  }
  const content = ((authSafe.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0];
  const contentInfos = asn1.fromDer(content.value as string);
  const parts = contentInfos.value as forge.asn1.Asn1[];
  if (where === "contents") {
    const pbe = sequence(oid("1.2.840.113549.1.12.1.6"), sequence(octets(randomBytes(8)), integer(iterations)));
    const encryptedContent = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, randomBytes(64).toString("binary"));
    const encryptedData = sequence(integer(0), sequence(oid(forge.pki.oids.data), pbe, encryptedContent));
    parts.push(sequence(oid(forge.pki.oids.encryptedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [encryptedData])));
  }
  for (const contentInfo of where === "key" ? parts : []) {
    const [type, wrapped] = contentInfo.value as forge.asn1.Asn1[];
    if (asn1.derToOid(type.value as string) !== forge.pki.oids.data) continue;
    const inner = (wrapped.value as forge.asn1.Asn1[])[0];
    const bags = asn1.fromDer(inner.value as string);
    for (const bag of bags.value as forge.asn1.Asn1[]) {
      const [bagId, bagValue] = bag.value as forge.asn1.Asn1[];
      if (asn1.derToOid(bagId.value as string) !== forge.pki.oids.pkcs8ShroudedKeyBag) continue;
      const algorithm = ((bagValue.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[])[0];
      ((algorithm.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[1] = integer(iterations);
    }
    inner.value = asn1.toDer(bags).getBytes();
  }
  content.value = asn1.toDer(contentInfos).getBytes();
  return forge.util.encode64(asn1.toDer(pfx).getBytes());
}
