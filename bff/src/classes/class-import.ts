import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ClassDocument, InstallationStore, ReadPosition } from "../installation-stores/installation-store.ts";

/**
 * Keeps the SQL index of enrolled classes in step with an installation's `classes`
 * collection.
 * Rules:
 * - Incremental in (updatedAt, _id) order; each batch and the new position commit
 *   together, so an interrupted import resumes after the last committed batch.
 * - A class belongs to the client that holds its storage and partition on that
 *   installation; classes of unknown partitions are skipped and counted.
 * - Upserts never go back in time: a row is only replaced by a document updated later.
 * - A class removed in the installation by other means stays in the index until it is
 *   deleted through the portal (the collection keeps no tombstones to read).
 */
const collection = "classes";

export async function importClasses(
  prisma: PrismaClient,
  store: InstallationStore,
  installationId: string,
  options: { batchSize?: number } = {},
): Promise<{ read: number; imported: number; skipped: number }> {
  const batchSize = options.batchSize ?? 1000;
  const clients = await prisma.client.findMany({ where: { installationId }, select: { id: true, partition: true, storage: { select: { name: true } } } });
  const byPartition = new Map(clients.map((c) => [`${c.storage.name}/${c.partition}`, c.id]));
  const stored = await prisma.installationImport.findUnique({ where: { installationId_collection: { installationId, collection } } });
  let position: ReadPosition | null = stored?.lastAt && stored.lastId ? { at: stored.lastAt, id: stored.lastId } : null;
  const total = { read: 0, imported: 0, skipped: 0 };

  for (;;) {
    const documents = await store.readClasses(position, batchSize);
    if (documents.length === 0) break;
    const last = documents.at(-1)!;
    const known = documents.flatMap((doc) => {
      const clientId = byPartition.get(`${doc.storage}/${doc.partition}`);
      return clientId ? [{ doc, clientId }] : [];
    });
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "installation_imports" ("installation_id", "collection") VALUES (${installationId}::uuid, ${collection}) ON CONFLICT DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM "installation_imports" WHERE "installation_id" = ${installationId}::uuid AND "collection" = ${collection} FOR UPDATE`;
      await upsertClasses(tx, installationId, known);
      await tx.$executeRaw`
        UPDATE "installation_imports" SET
          "last_at" = ${sqlTimestamp(last.updatedAt)}::timestamp, "last_id" = ${last.id},
          "imported" = "imported" + ${known.length}, "skipped" = "skipped" + ${documents.length - known.length},
          "last_run_at" = now() AT TIME ZONE 'UTC', "last_error" = NULL
        WHERE "installation_id" = ${installationId}::uuid AND "collection" = ${collection}
          AND ("last_at" IS NULL OR "last_at" <= ${sqlTimestamp(last.updatedAt)}::timestamp)`;
    });
    total.read += documents.length;
    total.imported += known.length;
    total.skipped += documents.length - known.length;
    position = { at: last.updatedAt, id: last.id };
    if (documents.length < batchSize) break;
  }
  return total;
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** One statement per batch; a class listed twice keeps its newest document (ON CONFLICT may touch a row once). */
async function upsertClasses(tx: Tx, installationId: string, batch: readonly { doc: ClassDocument; clientId: string }[]): Promise<void> {
  const newest = new Map<string, { doc: ClassDocument; clientId: string }>();
  for (const item of batch) {
    const key = `${item.doc.storage}/${item.doc.partition}/${item.doc.classId}`;
    const seen = newest.get(key);
    if (!seen || seen.doc.updatedAt <= item.doc.updatedAt) newest.set(key, item);
  }
  const rows = [...newest.values()];
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "biometric_classes" ("id", "installation_id", "client_id", "storage", "partition", "class_id", "traits", "enrolled_at", "updated_at")
     SELECT gen_random_uuid(), $1::uuid, c.client_id, c.storage, c.partition, c.class_id, c.traits, c.enrolled_at, c.updated_at
     FROM unnest($2::uuid[], $3::text[], $4::int[], $5::bigint[], $6::jsonb[], $7::timestamp[], $8::timestamp[])
       AS c(client_id, storage, partition, class_id, traits, enrolled_at, updated_at)
     ON CONFLICT ("installation_id", "storage", "partition", "class_id") DO UPDATE SET
       "client_id" = EXCLUDED."client_id", "traits" = EXCLUDED."traits", "enrolled_at" = EXCLUDED."enrolled_at", "updated_at" = EXCLUDED."updated_at"
     WHERE "biometric_classes"."updated_at" <= EXCLUDED."updated_at"`,
    installationId,
    rows.map((r) => r.clientId),
    rows.map((r) => r.doc.storage),
    rows.map((r) => r.doc.partition),
    rows.map((r) => String(r.doc.classId)),
    rows.map((r) => JSON.stringify(r.doc.traits)),
    rows.map((r) => sqlTimestamp(r.doc.enrolledAt)),
    rows.map((r) => sqlTimestamp(r.doc.updatedAt)),
  );
}
