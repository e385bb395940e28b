import type { PrismaClient } from "../generated/prisma/client.ts";

/** Drops tries of expired tokens (limit counters purge themselves: limits/shared-counters.ts). */
export async function purgeTokenCounters(prisma: PrismaClient): Promise<void> {
  await prisma.tokenTry.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 60_000) } } });
}
