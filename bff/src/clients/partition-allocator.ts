import type { Prisma } from "../generated/prisma/client.ts";

/**
 * "Next free" partition of a storage: the smallest partition number not in use.
 * Concurrent allocations on one storage queue on a row lock of the storage (held until
 * the caller's transaction ends), so each sees the partitions the others committed and
 * any number of simultaneous "next" creations succeed. NO KEY UPDATE, not UPDATE: the
 * foreign-key check of a concurrent insert takes KEY SHARE on the same row, and must
 * not wait on us while we wait on its partition (a deadlock). An explicit partition
 * taken at the same moment is caught by the unique index on (storage, partition), and
 * the caller retries.
 */
export async function nextFreePartition(tx: Prisma.TransactionClient, storageId: string): Promise<number> {
  await tx.$queryRaw`SELECT id FROM storages WHERE id = ${storageId}::uuid FOR NO KEY UPDATE`;
  const used = await tx.client.findMany({ where: { storageId }, select: { partition: true }, orderBy: { partition: "asc" } });
  let candidate = 1;
  for (const { partition } of used) {
    if (partition > candidate) break;
    if (partition === candidate) candidate++;
  }
  return candidate;
}
