import forge from "node-forge";
import { BadRequestError } from "../errors.ts";
import { assertKdfIterationsWithin, pkcs12KdfUses, pkcs8KdfUses, withKdfIterationCap } from "./kdf-iterations.ts";

/**
 * Reads an uploaded X.509 certificate with its private key, as a PEM pair or as PKCS#12,
 * using node-forge. Runs in the worker pool (worker-tasks.ts): decrypting a key is
 * seconds of CPU at high iteration counts.
 * Rules:
 * - Key derivation iteration counts above the cap are refused before any derivation
 *   (kdf-iterations.ts).
 * - The certificate must be valid now (not yet valid and expired uploads are refused).
 * - The private key must belong to the certificate (same RSA modulus and exponent).
 * - Only RSA keys are supported, as for BWS SOAP client certificates.
 * - The thumbprint is the SHA-1 of the DER certificate, upper-case hex, as Windows shows it.
 */
export interface ParsedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  thumbprint: string;
  commonName: string;
}

const fail = (message: string): never => {
  throw new BadRequestError(message, "InvalidCertificate");
};

function distinguishedName(attributes: forge.pki.CertificateField[]): string {
  return attributes.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(", ");
}

function describe(certificate: forge.pki.Certificate, key: forge.pki.PrivateKey, now: Date): ParsedCertificate {
  const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
  const privateKey = key as forge.pki.rsa.PrivateKey;
  if (!publicKey.n || !privateKey.n) fail("Only RSA certificates and keys are supported.");
  if (publicKey.n.compareTo(privateKey.n) !== 0 || publicKey.e.compareTo(privateKey.e) !== 0) {
    fail("The private key does not belong to the certificate.");
  }
  const { notBefore, notAfter } = certificate.validity;
  if (notAfter.getTime() <= now.getTime()) fail(`The certificate expired on ${notAfter.toISOString()}.`);
  if (notBefore.getTime() > now.getTime()) fail(`The certificate is not valid before ${notBefore.toISOString()}.`);
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  const thumbprint = forge.md.sha1.create().update(der).digest().toHex().toUpperCase();
  const commonName = String(certificate.subject.getField("CN")?.value ?? thumbprint);
  return {
    certificatePem: forge.pki.certificateToPem(certificate),
    privateKeyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(privateKey))),
    subject: distinguishedName(certificate.subject.attributes),
    issuer: distinguishedName(certificate.issuer.attributes),
    notBefore,
    notAfter,
    thumbprint,
    commonName,
  };
}

/** An upload as certificates.schema.ts accepts it, with the iteration cap of the configuration. */
export type CertificateUpload = (
  | { certificatePem: string; privateKeyPem: string; privateKeyPassword?: string }
  | { pkcs12: string; password: string }
) & { maxKdfIterations: number };

export function parseCertificateUpload(upload: CertificateUpload, now = new Date()): ParsedCertificate {
  return "pkcs12" in upload
    ? parsePkcs12(upload.pkcs12, upload.password, upload.maxKdfIterations, now)
    : parsePemPair(upload.certificatePem, upload.privateKeyPem, upload.privateKeyPassword, upload.maxKdfIterations, now);
}

function parsePemPair(certificatePem: string, privateKeyPem: string, keyPassword: string | undefined, maxKdfIterations: number, now: Date): ParsedCertificate {
  let certificate: forge.pki.Certificate;
  try {
    certificate = forge.pki.certificateFromPem(certificatePem);
  } catch {
    return fail("The certificate is not a readable PEM X.509 certificate (RSA).");
  }
  const encrypted = encryptedPkcs8Der(privateKeyPem);
  if (encrypted) assertKdfIterationsWithin(pkcs8KdfUses(encrypted), maxKdfIterations);
  let key: forge.pki.PrivateKey | null = null;
  try {
    key = withKdfIterationCap(maxKdfIterations, () =>
      encrypted ? forge.pki.decryptRsaPrivateKey(privateKeyPem, keyPassword ?? "") : forge.pki.privateKeyFromPem(privateKeyPem),
    );
  } catch (error) {
    if (error instanceof BadRequestError) throw error;
    key = null;
  }
  if (!key) return fail(keyPassword ? "The private key cannot be read with this password." : "The private key is not a readable PEM RSA key.");
  return describe(certificate, key, now);
}

function parsePkcs12(base64: string, password: string, maxKdfIterations: number, now: Date): ParsedCertificate {
  const der = forge.util.decode64(base64.replace(/\s+/g, ""));
  // Before any derivation: the MAC and the encryptions' iteration counts as the file states them.
  assertKdfIterationsWithin(pkcs12KdfUses(der), maxKdfIterations);
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = withKdfIterationCap(maxKdfIterations, () => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password));
  } catch (error) {
    if (error instanceof BadRequestError) throw error;
    return fail("The PKCS#12 file cannot be opened: it is damaged or the password is wrong.");
  }
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key;
  if (!key) return fail("The PKCS#12 file holds no private key.");
  const rsaKey = key as forge.pki.rsa.PrivateKey;
  const certificate = certBags
    .map((bag) => bag.cert)
    .find((cert): cert is forge.pki.Certificate => !!cert && (cert.publicKey as forge.pki.rsa.PublicKey).n?.compareTo(rsaKey.n) === 0);
  if (!certificate) return fail(certBags.length ? "The private key does not belong to any certificate in the file." : "The PKCS#12 file holds no certificate.");
  return describe(certificate, key, now);
}

/** The DER of a PEM "ENCRYPTED PRIVATE KEY" (PKCS#8), as a binary string; undefined for other keys. */
function encryptedPkcs8Der(pem: string): string | undefined {
  try {
    // node-forge reads the first block only.
    const [block] = forge.pem.decode(pem);
    return block?.type === "ENCRYPTED PRIVATE KEY" ? block.body : undefined;
  } catch {
    return undefined;
  }
}

export interface Pkcs12Request {
  certificatePem: string;
  privateKeyPem: string;
  password: string;
  friendlyName: string;
}

/** A PKCS#12 (DER) of certificate and key for download, protected by the given password. */
export function toPkcs12(request: Pkcs12Request): Uint8Array {
  const certificate = forge.pki.certificateFromPem(request.certificatePem);
  const key = forge.pki.privateKeyFromPem(request.privateKeyPem);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [certificate], request.password, { algorithm: "3des", friendlyName: request.friendlyName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}
