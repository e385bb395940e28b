import type { PrismaClient } from "../generated/prisma/client.ts";
import { ClientSync } from "./client-sync.ts";

/**
 * Expired clients stop working: when a client's expiry passes, a new version of its
 * document (enabled: false) is queued once. The conditional update lets exactly one
 * instance do it; extending the expiry clears `expiryPushedAt` again.
 */
export async function sweepExpiredClients(prisma: PrismaClient, limit = 500): Promise<number> {
  const now = new Date();
  const due = await prisma.client.findMany({
    where: { expiresAt: { lte: now }, expiryPushedAt: null, installation: { connectionStringEnc: { not: null } } },
    select: { id: true },
    take: limit,
  });
  const sync = new ClientSync();
  let queued = 0;
  for (const { id } of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.client.updateMany({
        where: { id, expiryPushedAt: null },
        data: { expiryPushedAt: now, version: { increment: 1 } },
      });
      if (claimed.count === 0) return;
      await sync.enqueueUpsert(tx, id);
      queued++;
    });
  }
  return queued;
}
