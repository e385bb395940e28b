import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * Which instance imports an installation's collection right now. Rules:
 * - A lease is taken only when none is held or the held one has run out, so instances
 *   sharing a database do not read the same MongoDB pages twice.
 * - A crashed instance's lease runs out after `seconds`; an import that outlives its lease
 *   stays correct (positions only move forward, events are de-duplicated by id).
 */
const nowUtc = `(now() AT TIME ZONE 'UTC')`;

export async function takeImportLease(prisma: PrismaClient, installationId: string, collection: string, seconds = 600): Promise<boolean> {
  await prisma.$executeRawUnsafe(
    `INSERT INTO "installation_imports" ("installation_id", "collection") VALUES ($1::uuid, $2) ON CONFLICT DO NOTHING`,
    installationId,
    collection,
  );
  const taken = await prisma.$executeRawUnsafe(
    `UPDATE "installation_imports" SET "leased_until" = ${nowUtc} + make_interval(secs => $3::double precision)
     WHERE "installation_id" = $1::uuid AND "collection" = $2 AND ("leased_until" IS NULL OR "leased_until" < ${nowUtc})`,
    installationId,
    collection,
    seconds,
  );
  return taken === 1;
}

export async function releaseImportLease(prisma: PrismaClient, installationId: string, collection: string): Promise<void> {
  await prisma.$executeRawUnsafe(
    `UPDATE "installation_imports" SET "leased_until" = NULL WHERE "installation_id" = $1::uuid AND "collection" = $2`,
    installationId,
    collection,
  );
}
