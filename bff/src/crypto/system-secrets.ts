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
    const existing = await this.prisma.systemSecret.findUnique({ where: { name } });
    if (existing) return this.box.open(`system:${name}`, existing.valueEnc);
    const value = await create();
    const valueEnc = await this.box.seal(`system:${name}`, value);
    await this.prisma.systemSecret.createMany({ data: [{ name, valueEnc }], skipDuplicates: true });
    const stored = await this.prisma.systemSecret.findUniqueOrThrow({ where: { name } });
    return this.box.open(`system:${name}`, stored.valueEnc);
  }

  /** Sets a secret given by configuration, replacing a generated one. */
  async put(name: string, value: string): Promise<void> {
    const valueEnc = await this.box.seal(`system:${name}`, value);
    await this.prisma.systemSecret.upsert({ where: { name }, create: { name, valueEnc }, update: { valueEnc } });
  }
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
