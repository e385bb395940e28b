import type { Prisma } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";

/**
 * Every write records who did what to which object, when, with the object before and after.
 * Rules:
 * - Written in the same transaction as the change it describes.
 * - Secrets never enter the log: fields named like secrets are replaced by "[redacted]"
 *   (a connection string records only that it changed).
 * - `installationId` lets Owners of an installation read its clients' events.
 */
export type AuditObjectType = "installation" | "client" | "certificate" | "webApiKey" | "permission" | "user";

export interface AuditEntry {
  action: string;
  objectType: AuditObjectType;
  objectId: string;
  installationId?: string | null;
  before?: unknown;
  after?: unknown;
}

const secretField = /secret|password|privatekey|connectionstring|hash|token|pkcs12/i;

export function redact(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redact(item) ?? null);
  if (typeof value === "object") {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key] = secretField.test(key) ? (item === null ? null : "[redacted]") : (redact(item) ?? null);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value as Prisma.InputJsonValue;
}

export async function recordAudit(tx: Prisma.TransactionClient, actor: Principal, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.userId,
      actorName: actor.username,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      installationId: entry.installationId ?? null,
      before: redact(entry.before),
      after: redact(entry.after),
    },
  });
}
