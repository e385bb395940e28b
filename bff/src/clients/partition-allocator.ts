import type { Prisma } from "../generated/prisma/client.ts";

/**
 * "Next free" partition of a storage: the smallest partition number not in use.
 * Two concurrent creations may pick the same number; the unique index on
 * (storage, partition) lets exactly one win and the caller retries the other.
 */
export async function nextFreePartition(tx: Prisma.TransactionClient, storageId: string): Promise<number> {
  const used = await tx.client.findMany({ where: { storageId }, select: { partition: true }, orderBy: { partition: "asc" } });
  let candidate = 1;
  for (const { partition } of used) {
    if (partition > candidate) break;
    if (partition === candidate) candidate++;
  }
  return candidate;
}
