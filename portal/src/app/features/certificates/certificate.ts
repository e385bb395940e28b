import { asObject, parseString, readArray, readBoolean, readString } from '../../core/http/json-parse';

/** An X.509 certificate with private key, uploaded to an installation and attached to clients. */
export interface Certificate {
  readonly id: string;
  readonly name: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly expired: boolean;
  /** SHA-1 of the DER certificate, upper-case hex, as Windows shows it. */
  readonly thumbprint: string;
  /** Names of the clients it is attached to. */
  readonly clients: readonly string[];
  readonly createdAt: string;
}

/** `POST /api/installations/:id/certificates`: a PEM pair or a PKCS#12 file. */
export type CertificateUpload =
  | { readonly name?: string; readonly certificatePem: string; readonly privateKeyPem: string; readonly privateKeyPassword?: string }
  | { readonly name?: string; readonly pkcs12: string; readonly password: string };

export function parseCertificate(value: unknown, what = 'certificate'): Certificate {
  const certificate = asObject(value, what);
  return {
    id: readString(certificate, 'id', what),
    name: readString(certificate, 'name', what),
    subject: readString(certificate, 'subject', what),
    issuer: readString(certificate, 'issuer', what),
    notBefore: readString(certificate, 'notBefore', what),
    notAfter: readString(certificate, 'notAfter', what),
    expired: readBoolean(certificate, 'expired', what),
    thumbprint: readString(certificate, 'thumbprint', what),
    clients: readArray(certificate, 'clients', what, parseString),
    createdAt: readString(certificate, 'createdAt', what),
  };
}

export function parseCertificateList(body: unknown): readonly Certificate[] {
  const what = 'certificates';
  return readArray(asObject(body, what), 'items', what, parseCertificate);
}

/** "AB12 CD34 …": thumbprints are easier to compare in groups of four. */
export function groupThumbprint(thumbprint: string): string {
  return thumbprint.replace(/(.{4})(?=.)/g, '$1 ');
}
