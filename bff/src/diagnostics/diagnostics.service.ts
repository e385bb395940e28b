import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { NotFoundError } from "../errors.ts";
import { failedAfterAttempts } from "../sync/sync-status.service.ts";

/**
 * An installation's diagnostic log: what the BFF could not do with it right now.
 * - Client changes waiting because delivery failed (error from 8 tries on, warning before).
 * - Imports of its `bwslog` / `classes` that failed, and log entries naming unknown clients.
 * Newest first; it needs "read installation log, diagnostic log".
 */
export interface DiagnosticEntry {
  at: string;
  level: "warning" | "error";
  source: "sync" | "import";
  client: string | null;
  message: string;
}

export class DiagnosticsService {
  constructor(private readonly prisma: PrismaClient) {}

  async forInstallation(principal: Principal, installationId: string): Promise<{ entries: DiagnosticEntry[] }> {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "readInstallationLog", { kind: "installation", id: installationId });
    const [waiting, imports] = await Promise.all([
      this.prisma.outboxMessage.findMany({
        where: { installationId, status: "pending", lastError: { not: null } },
        orderBy: { id: "desc" },
        take: 200,
        select: { clientName: true, kind: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true },
      }),
      this.prisma.installationImport.findMany({ where: { installationId } }),
    ]);
    const entries: DiagnosticEntry[] = waiting.map((message) => ({
      at: message.createdAt.toISOString(),
      level: message.attempts >= failedAfterAttempts ? "error" : "warning",
      source: "sync",
      client: message.clientName,
      message: `${message.kind === "deleteClass" ? "A class deletion" : "A client change"} is waiting after ${message.attempts} failed ${message.attempts === 1 ? "try" : "tries"} (next at ${message.nextAttemptAt.toISOString()}): ${message.lastError}`,
    }));
    for (const run of imports) {
      if (run.lastError && run.lastErrorAt) {
        entries.push({ at: run.lastErrorAt.toISOString(), level: "error", source: "import", client: null, message: `Reading the '${run.collection}' collection failed: ${run.lastError}` });
      }
      if (run.skipped > 0n && run.lastRunAt) {
        entries.push({
          at: run.lastRunAt.toISOString(),
          level: "warning",
          source: "import",
          client: null,
          message: `${run.skipped} ${run.collection === "bwslog" ? "log entries" : "classes"} named clients or partitions the BWS database does not know and were skipped.`,
        });
      }
    }
    return { entries: entries.sort((a, b) => b.at.localeCompare(a.at)) };
  }
}
