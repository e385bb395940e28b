import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Inserts usage events in one statement (arrays unnested by the database): on the hot
 * paths Prisma's createMany costs several times the database's own work. Events whose
 * external id is already stored are skipped; the inserted ones are returned, so only they
 * are added to the rollups.
 */
export interface NewUsageEvent {
  at: Date;
  clientId: string;
  installationId: string;
  operation: string;
  result: string;
  errorCode?: string | null;
  durationMs?: number | null;
  instance?: string | null;
  source: string;
  externalId?: string | null;
  bcid?: string | null;
  details?: Record<string, unknown> | null;
}

export interface InsertedUsageEvent {
  at: Date;
  clientId: string;
  installationId: string;
  instance: string | null;
  operation: string;
  result: string;
  errorCode: string | null;
  durationMs: number | null;
}

export async function insertUsageEvents(tx: Prisma.TransactionClient, events: readonly NewUsageEvent[]): Promise<InsertedUsageEvent[]> {
  if (events.length === 0) return [];
  const column = <T>(pick: (event: NewUsageEvent) => T) => events.map(pick);
  const rows = await tx.$queryRawUnsafe<
    { at: Date; client_id: string; installation_id: string; instance: string | null; operation: string; result: string; error_code: string | null; duration_ms: number | null }[]
  >(
    `INSERT INTO "usage_events" ("at", "client_id", "installation_id", "operation", "result", "error_code", "duration_ms", "instance", "source", "external_id", "bcid", "details")
     SELECT * FROM unnest($1::timestamp[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::jsonb[])
     ON CONFLICT ("external_id") DO NOTHING
     RETURNING "at", "client_id"::text, "installation_id"::text, "instance", "operation", "result", "error_code", "duration_ms"`,
    column((e) => sqlTimestamp(e.at)),
    column((e) => e.clientId),
    column((e) => e.installationId),
    column((e) => e.operation),
    column((e) => e.result),
    column((e) => e.errorCode ?? null),
    column((e) => (e.durationMs === undefined || e.durationMs === null ? null : Math.round(e.durationMs))),
    column((e) => e.instance ?? null),
    column((e) => e.source),
    column((e) => e.externalId ?? null),
    column((e) => e.bcid ?? null),
    column((e) => (e.details ? JSON.stringify(e.details) : null)),
  );
  return rows.map((row) => ({
    at: new Date(row.at),
    clientId: row.client_id,
    installationId: row.installation_id,
    instance: row.instance,
    operation: row.operation,
    result: row.result,
    errorCode: row.error_code,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
  }));
}
