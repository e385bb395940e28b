import type { Principal } from "../access/can.ts";
import { activeGrantIds } from "../access/can.ts";
import type { SqlClient } from "../db/database.ts";
import type { Client } from "../generated/prisma/client.ts";

/**
 * The client rows that client info and the client list show, read with one plain SQL
 * statement each: Prisma's relation and count queries cost three round trips and most of
 * the request's CPU on these reads (docs/performance.md).
 * Rules:
 * - Times are read `AT TIME ZONE 'UTC'`: the columns hold UTC without a zone, and both
 *   drivers then return the right instant whatever the process's time zone.
 * - The list's visibility filter is `readableClientsWhere`'s (access/visibility.ts) in SQL:
 *   platform administrators read every client, others those of the installations and
 *   clients they hold an active grant on.
 * - A name filter matches anywhere in the name, case-insensitively, with `%` and `_` taken
 *   literally.
 */
/** A client's columns as the model has them, with what its info shows of its relations. */
export type ClientRow = Omit<Client, "storageId" | "expiryPushedAt"> & {
  installation: { id: string; name: string; endpointUrls: string[] };
  storage: { name: string };
  _count: { keys: number; certificates: number };
};

interface SqlRow {
  id: string;
  name: string;
  partition: number;
  expires_at: Date;
  identification: boolean;
  log_images: boolean;
  log_level: string;
  log_retention_days: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  installation_id: string;
  installation_name: string;
  endpoint_urls: string[];
  storage_name: string;
  key_count: number;
  certificate_count: number;
  total?: number;
}

const columns = `c.id, c.name, c.partition, c.expires_at AT TIME ZONE 'UTC' AS expires_at, c.identification,
  c.log_images, c.log_level, c.log_retention_days, c.version,
  c.created_at AT TIME ZONE 'UTC' AS created_at, c.updated_at AT TIME ZONE 'UTC' AS updated_at,
  c.installation_id, i.name AS installation_name, i.endpoint_urls, s.name AS storage_name,
  (SELECT count(*) FROM web_api_keys k WHERE k.client_id = c.id)::int AS key_count,
  (SELECT count(*) FROM client_certificates cc WHERE cc.client_id = c.id)::int AS certificate_count`;
const from = `FROM clients c JOIN installations i ON i.id = c.installation_id JOIN storages s ON s.id = c.storage_id`;

function toRow(row: SqlRow): ClientRow {
  return {
    id: row.id,
    name: row.name,
    partition: row.partition,
    expiresAt: row.expires_at,
    identification: row.identification,
    logImages: row.log_images,
    logLevel: row.log_level,
    logRetentionDays: row.log_retention_days,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    installationId: row.installation_id,
    installation: { id: row.installation_id, name: row.installation_name, endpointUrls: row.endpoint_urls },
    storage: { name: row.storage_name },
    _count: { keys: row.key_count, certificates: row.certificate_count },
  };
}

export async function clientRowByName(sql: SqlClient, name: string): Promise<ClientRow | undefined> {
  const [row] = await sql.query<SqlRow>(`SELECT ${columns} ${from} WHERE c.name = $1`, [name]);
  return row ? toRow(row) : undefined;
}

export interface ClientListFilter {
  q?: string;
  installationId?: string;
  sort: "name" | "installation" | "partition" | "expiresAt";
  dir: "asc" | "desc";
  offset: number;
  limit: number;
}

const sortColumn = { name: "c.name", installation: "i.name", partition: "c.partition", expiresAt: "c.expires_at" } as const;

export async function clientRowsReadableBy(sql: SqlClient, principal: Principal, filter: ClientListFilter, now: Date): Promise<{ rows: ClientRow[]; total: number }> {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (!principal.isPlatformAdmin) {
    conditions.push(
      `(c.installation_id = ANY(${bind(activeGrantIds(principal, "installation", now))}::uuid[]) OR c.id = ANY(${bind(activeGrantIds(principal, "client", now))}::uuid[]))`,
    );
  }
  if (filter.q) conditions.push(`c.name ILIKE ${bind(`%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)} ESCAPE '\\'`);
  if (filter.installationId) conditions.push(`c.installation_id = ${bind(filter.installationId)}::uuid`);
  const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
  const direction = filter.dir === "desc" ? "DESC" : "ASC";
  const order = filter.sort === "name" ? `c.name ${direction}` : `${sortColumn[filter.sort]} ${direction}, c.name ASC`;
  const rows = await sql.query<SqlRow>(
    `SELECT ${columns}, count(*) OVER ()::int AS total ${from} ${where} ORDER BY ${order} OFFSET ${bind(filter.offset)} LIMIT ${bind(filter.limit)}`,
    params,
  );
  if (rows.length > 0 || filter.offset === 0) return { rows: rows.map(toRow), total: rows[0]?.total ?? 0 };
  // Past the end no row carries the total: count alone.
  const [counted] = await sql.query<{ total: number }>(`SELECT count(*)::int AS total ${from} ${where}`, params.slice(0, -2));
  return { rows: [], total: counted?.total ?? 0 };
}
