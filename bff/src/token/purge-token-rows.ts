import type { PrismaClient } from "../generated/prisma/client.ts";

/** Drops counters nobody reads any more: past rate-limit windows, tries of expired tokens, old failures. */
export async function purgeTokenCounters(prisma: PrismaClient): Promise<void> {
  const now = Date.now();
  await prisma.appRequestWindow.deleteMany({ where: { windowStart: { lt: new Date(now - 5 * 60_000) } } });
  await prisma.tokenTry.deleteMany({ where: { expiresAt: { lt: new Date(now - 60_000) } } });
  await prisma.appAuthFailure.deleteMany({
    where: { windowStart: { lt: new Date(now - 60 * 60_000) }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: new Date(now) } }] },
  });
}
