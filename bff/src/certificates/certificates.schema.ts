import { z } from "zod";
import { uuid } from "../shared-schemas.ts";

const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");
const pem = (what: string) =>
  z.string({ error: "must be a text" }).max(20_000, "must be at most 20000 characters").regex(/-----BEGIN [A-Z ]+-----/, `must be a PEM ${what}`);

export const uploadCertificateBody = z.union(
  [
    z.strictObject({
      name: name.optional(),
      certificatePem: pem("certificate"),
      privateKeyPem: pem("private key"),
      privateKeyPassword: z.string().max(200).optional(),
    }),
    z.strictObject({
      name: name.optional(),
      pkcs12: z.string({ error: "must be base64 text" }).min(1).max(100_000, "the file is too large").regex(/^[A-Za-z0-9+/=\s]+$/, "must be base64"),
      password: z.string({ error: "must be a text" }).max(200),
    }),
  ],
  { error: "send either certificatePem and privateKeyPem, or pkcs12 (base64) and password" },
);
export type UploadCertificate = z.infer<typeof uploadCertificateBody>;

export const certificateIdParam = z.object({ certificateId: uuid("a certificate") });

export const downloadBody = z.strictObject({
  password: z.string({ error: "must be a text" }).min(8, "must be at least 8 characters").max(200),
});
