import type { Client, Prisma } from "../generated/prisma/client.ts";
import { sqlTimestamp } from "../db/sql-timestamp.ts";

/**
 * The rows an import adds, written with one `unnest` statement per table: an import of
 * 10,000 clients is a handful of statements, not tens of thousands of bound parameters
 * (Prisma's createMany binds every value of every row).
 */
export interface ImportedRows {
  storages: { id: string; installationId: string; name: string; position: number }[];
  clients: Omit<Client, "expiryPushedAt" | "createdAt" | "updatedAt">[];
  owners: { userId: string; clientId: string; grantedById: string }[];
  attachments: { clientId: string; certificateId: string }[];
  keys: { appId: string; clientId: string; label: string; secretHash: string; expiresAt: Date | null }[];
}

export async function insertImportedRows(tx: Prisma.TransactionClient, rows: ImportedRows): Promise<void> {
  const now = sqlTimestamp(new Date());
  const column = <T, V>(list: T[], pick: (item: T) => V) => list.map(pick);
  if (rows.storages.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "storages" ("id", "installation_id", "name", "position") SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[])`,
      column(rows.storages, (s) => s.id),
      column(rows.storages, (s) => s.installationId),
      column(rows.storages, (s) => s.name),
      column(rows.storages, (s) => s.position),
    );
  }
  const { clients } = rows;
  if (clients.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "clients" ("id", "name", "installation_id", "storage_id", "partition", "expires_at", "identification", "log_images", "log_level", "log_retention_days", "version", "updated_at")
       SELECT u.*, $12::timestamp FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::int[], $6::timestamp[], $7::boolean[], $8::boolean[], $9::text[], $10::int[], $11::int[]) AS u`,
      column(clients, (c) => c.id),
      column(clients, (c) => c.name),
      column(clients, (c) => c.installationId),
      column(clients, (c) => c.storageId),
      column(clients, (c) => c.partition),
      column(clients, (c) => sqlTimestamp(c.expiresAt)),
      column(clients, (c) => c.identification),
      column(clients, (c) => c.logImages),
      column(clients, (c) => c.logLevel),
      column(clients, (c) => c.logRetentionDays),
      column(clients, (c) => c.version),
      now,
    );
  }
  if (rows.owners.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "permissions" ("id", "user_id", "client_id", "role", "granted_by_id")
       SELECT gen_random_uuid(), u.user_id, u.client_id, 'OWNER', u.granted_by_id FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(user_id, client_id, granted_by_id)`,
      column(rows.owners, (o) => o.userId),
      column(rows.owners, (o) => o.clientId),
      column(rows.owners, (o) => o.grantedById),
    );
  }
  if (rows.attachments.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "client_certificates" ("client_id", "certificate_id") SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      column(rows.attachments, (a) => a.clientId),
      column(rows.attachments, (a) => a.certificateId),
    );
  }
  if (rows.keys.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "web_api_keys" ("id", "app_id", "client_id", "label", "secret_hash", "expires_at")
       SELECT gen_random_uuid(), u.* FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamp[]) AS u`,
      column(rows.keys, (k) => k.appId),
      column(rows.keys, (k) => k.clientId),
      column(rows.keys, (k) => k.label),
      column(rows.keys, (k) => k.secretHash),
      column(rows.keys, (k) => (k.expiresAt ? sqlTimestamp(k.expiresAt) : null)),
    );
  }
}
