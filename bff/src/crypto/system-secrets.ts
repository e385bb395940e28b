import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SecretBox } from "./secret-box.ts";

/**
 * Secrets the BFF generates for itself (identity provider keys, embedded client secrets),
 * kept encrypted in the shared database so every instance uses the same ones.
 * The first instance to create a secret wins; the others read what it wrote.
 */
export class SystemSecrets {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
  ) {}

  async getOrCreate(name: string, create: () => string | Promise<string>): Promise<string> {
    return (await this.getOrCreateReporting(name, create)).value;
  }

  /** Like getOrCreate; `created` is true only for the one caller whose value was stored. */
  async getOrCreateReporting(name: string, create: () => string | Promise<string>): Promise<{ value: string; created: boolean }> {
    const existing = await this.get(name);
    if (existing !== undefined) return { value: existing, created: false };
    const value = await create();
    const valueEnc = await this.box.seal(`system:${name}`, value);
    await this.prisma.systemSecret.createMany({ data: [{ name, valueEnc }], skipDuplicates: true });
    const stored = await this.prisma.systemSecret.findUniqueOrThrow({ where: { name } });
    // Sealing uses a fresh IV: only the instance that won the insert finds its own ciphertext.
    return { value: await this.box.open(`system:${name}`, stored.valueEnc), created: stored.valueEnc === valueEnc };
  }

  async get(name: string): Promise<string | undefined> {
    const existing = await this.prisma.systemSecret.findUnique({ where: { name } });
    return existing ? this.box.open(`system:${name}`, existing.valueEnc) : undefined;
  }
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
