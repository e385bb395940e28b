import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import jpeg from "jpeg-js";
import forge from "node-forge";

/**
 * What the hostile-load bench sends: liveness frames as large as the server accepts (a face
 * photo scaled into a 1280×720 frame), and a certificate upload whose PKCS#8 key is
 * protected by 1,000,000 PBKDF2 iterations and sent with a wrong password.
 */
const require = createRequire(import.meta.url);
const photoPath = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg");

export function faceFrameJpeg(width: number, height: number): string {
  const photo = jpeg.decode(readFileSync(photoPath), { useTArray: true, formatAsRGBA: true });
  const data = Buffer.alloc(width * height * 4);
  // Nearest-neighbour scale of the whole photo into the frame (aspect kept by cropping height).
  const scale = photo.width / width;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(photo.height - 1, Math.floor(y * scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(photo.width - 1, Math.floor(x * scale));
      data.set(photo.data.subarray((sy * photo.width + sx) * 4, (sy * photo.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return jpeg.encode({ data, width, height }, 85).data.toString("base64");
}

export function livenessBody(frames: number, width = 1280, height = 720): string {
  const image = faceFrameJpeg(width, height);
  return JSON.stringify({ frames: Array.from({ length: frames }, (_, i) => ({ t: i * 100, image })) });
}

export function slowKeyCertificateBody(iterations = 1_000_000): string {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = "01";
  certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
  certificate.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attributes = [{ name: "commonName", value: "hostile-bench" }];
  certificate.setSubject(attributes);
  certificate.setIssuer(attributes);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  const privateKeyPem = forge.pki.encryptRsaPrivateKey(keys.privateKey, "the right password", { algorithm: "aes256", count: iterations });
  return JSON.stringify({ certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem, privateKeyPassword: "a wrong password" });
}
