import forge from "node-forge";
import { BadRequestError } from "../errors.ts";

/**
 * Reads an uploaded X.509 certificate with its private key, as a PEM pair or as PKCS#12,
 * using node-forge (no hand-written ASN.1).
 * Rules:
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

export function parsePemPair(certificatePem: string, privateKeyPem: string, keyPassword: string | undefined, now = new Date()): ParsedCertificate {
  let certificate: forge.pki.Certificate;
  try {
    certificate = forge.pki.certificateFromPem(certificatePem);
  } catch {
    return fail("The certificate is not a readable PEM X.509 certificate (RSA).");
  }
  let key: forge.pki.PrivateKey | null = null;
  try {
    key = /ENCRYPTED PRIVATE KEY/.test(privateKeyPem)
      ? forge.pki.decryptRsaPrivateKey(privateKeyPem, keyPassword ?? "")
      : forge.pki.privateKeyFromPem(privateKeyPem);
  } catch {
    key = null;
  }
  if (!key) return fail(keyPassword ? "The private key cannot be read with this password." : "The private key is not a readable PEM RSA key.");
  return describe(certificate, key, now);
}

export function parsePkcs12(base64: string, password: string, now = new Date()): ParsedCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.decode64(base64.replace(/\s+/g, ""));
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password);
  } catch {
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

/** A PKCS#12 (DER) of certificate and key for download, protected by the given password. */
export function toPkcs12(certificatePem: string, privateKeyPem: string, password: string, friendlyName: string): Buffer {
  const certificate = forge.pki.certificateFromPem(certificatePem);
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [certificate], password, { algorithm: "3des", friendlyName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}
