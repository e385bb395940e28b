import { CompactEncrypt, compactDecrypt } from "jose";

/**
 * Encrypts small secrets (connection strings, private keys, generated client secrets)
 * as compact JWE with `dir` + `A256GCM` under the data key.
 * The `kind` travels in the protected header and must match on decryption, so a value
 * cannot be moved from one column to another.
 */
export class SecretBox {
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(private readonly key: Uint8Array) {
    if (key.length !== 32) throw new Error("the data key must be 32 bytes");
  }

  async seal(kind: string, plaintext: string): Promise<string> {
    return new CompactEncrypt(this.encoder.encode(plaintext))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kind })
      .encrypt(this.key);
  }

  async open(kind: string, jwe: string): Promise<string> {
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, this.key);
    if (protectedHeader["kind"] !== kind) throw new Error(`sealed value is a ${String(protectedHeader["kind"])}, not a ${kind}`);
    return this.decoder.decode(plaintext);
  }
}
