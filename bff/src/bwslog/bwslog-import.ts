import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { InstallationStore, LogEntryDocument, ReadPosition } from "../installation-stores/installation-store.ts";
import { insertUsageEvents, type NewUsageEvent } from "../usage/insert-usage-events.ts";
import { addToRollups } from "../usage/usage-rollups.ts";

/**
 * Imports an installation's `bwslog` collection into usage events and rollups.
 * Rules:
 * - Incremental: entries are read in (at, _id) order after the stored position; each
 *   batch's events, rollups and the new position commit in one transaction, so an import
 *   interrupted at any point resumes after the last committed batch, without gaps.
 * - Idempotent: an event's external id is `<installation>:<_id>`; an entry read twice is
 *   inserted once and only newly inserted events are added to the rollups.
 * - Every run starts `rereadMs` before the stored position: entries that an instance
 *   wrote late (with an older time) are still picked up; re-read ones are skipped by id.
 * - Entries for clients the BWS database does not know are skipped and counted.
 * - Instances of one BFF may run the same import: the position row is locked per batch
 *   and only moves forward.
 */
export interface LogImportOptions {
  batchSize?: number;
  rereadMs?: number;
}

export interface LogImportResult {
  read: number;
  imported: number;
  skipped: number;
}

const collection = "bwslog";

export async function importBwsLog(
  prisma: PrismaClient,
  store: InstallationStore,
  installationId: string,
  options: LogImportOptions = {},
): Promise<LogImportResult> {
  const batchSize = options.batchSize ?? 1000;
  const rereadMs = options.rereadMs ?? 5 * 60_000;
  const clients = new Map(
    (await prisma.client.findMany({ where: { installationId }, select: { id: true, name: true } })).map((c) => [c.name, c.id]),
  );
  const stored = await prisma.installationImport.findUnique({ where: { installationId_collection: { installationId, collection } } });
  let position: ReadPosition | null = stored?.lastAt ? { at: new Date(stored.lastAt.getTime() - rereadMs), id: "" } : null;
  const total: LogImportResult = { read: 0, imported: 0, skipped: 0 };

  for (;;) {
    const entries = await store.readLogEntries(position, batchSize);
    if (entries.length === 0) break;
    const last = entries.at(-1)!;
    const lastAt = sqlTimestamp(last.at);
    const known = entries.filter((entry) => clients.has(entry.client));
    const imported = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "installation_imports" ("installation_id", "collection") VALUES (${installationId}::uuid, ${collection}) ON CONFLICT DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM "installation_imports" WHERE "installation_id" = ${installationId}::uuid AND "collection" = ${collection} FOR UPDATE`;
      const inserted = await insertUsageEvents(
        tx,
        known.map((entry) => toEvent(entry, installationId, clients.get(entry.client)!)),
      );
      await addToRollups(tx, inserted);
      await tx.$executeRaw`
        UPDATE "installation_imports" SET
          "last_at" = GREATEST(COALESCE("last_at", ${lastAt}::timestamp), ${lastAt}::timestamp),
          "last_id" = CASE WHEN "last_at" IS NULL OR "last_at" <= ${lastAt}::timestamp THEN ${last.id} ELSE "last_id" END,
          "imported" = "imported" + ${inserted.length},
          "skipped" = "skipped" + ${entries.length - known.length},
          "last_run_at" = now() AT TIME ZONE 'UTC', "last_error" = NULL
        WHERE "installation_id" = ${installationId}::uuid AND "collection" = ${collection}`;
      return inserted.length;
    });
    total.read += entries.length;
    total.imported += imported;
    total.skipped += entries.length - known.length;
    position = { at: last.at, id: last.id };
    if (entries.length < batchSize) break;
  }
  return total;
}

function toEvent(entry: LogEntryDocument, installationId: string, clientId: string): NewUsageEvent {
  return {
    at: entry.at,
    clientId,
    installationId,
    operation: entry.operation,
    result: entry.result,
    errorCode: entry.errorCode,
    durationMs: entry.durationMs === null ? null : Math.round(entry.durationMs),
    instance: entry.instance,
    source: "bws",
    externalId: `${installationId}:${entry.id}`,
    bcid: entry.bcid,
    details: entry.details,
  };
}
