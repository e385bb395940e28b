import type { PrismaClient } from "../generated/prisma/client.ts";

/** Every configuration table's rows, to prove that a refused request changed nothing. */
const tables = [
  "users",
  "installations",
  "storages",
  "clients",
  "permissions",
  "certificates",
  "client_certificates",
  "web_api_keys",
  "audit_events",
  "system_secrets",
];

export async function snapshotDatabase(prisma: PrismaClient): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" ORDER BY 1, 2`);
    parts.push(`${table}:${JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value))}`);
  }
  return parts.join("\n");
}
