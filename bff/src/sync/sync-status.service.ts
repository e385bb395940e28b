import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { NotFoundError } from "../errors.ts";

/**
 * What the portal shows about pushing changes to installations: per client "in sync",
 * "pending (N, last error, next try)" or "failed"; per installation the same summed up;
 * and "retry now", which makes every waiting change of the object due at once.
 */
export type SyncState = "notConnected" | "inSync" | "pending" | "failed";

export const failedAfterAttempts = 8;

interface PendingRow {
  clientName: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Changes queued while the installation has no connection string wait too, and are counted: none is tried until one is set. */
function summarize(connected: boolean, pending: PendingRow[]) {
  const oldestWaiting = pending.map((p) => p.createdAt.getTime()).sort((a, b) => a - b)[0];
  if (!connected) {
    return {
      state: "notConnected" as SyncState,
      pending: pending.length,
      lastError: null,
      nextAttemptAt: null,
      oldestChangeAt: oldestWaiting ? new Date(oldestWaiting).toISOString() : null,
    };
  }
  const failed = pending.some((p) => p.attempts >= failedAfterAttempts);
  const withError = pending.filter((p) => p.lastError).sort((a, b) => b.attempts - a.attempts)[0];
  const next = pending.map((p) => p.nextAttemptAt.getTime()).sort((a, b) => a - b)[0];
  return {
    state: (pending.length === 0 ? "inSync" : failed ? "failed" : "pending") as SyncState,
    pending: pending.length,
    lastError: withError?.lastError ?? null,
    nextAttemptAt: next ? new Date(next).toISOString() : null,
    oldestChangeAt: oldestWaiting ? new Date(oldestWaiting).toISOString() : null,
  };
}

const pendingSelect = { clientName: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true } as const;

export class SyncStatusService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly wake: () => void,
  ) {}

  async forClient(principal: Principal, name: string) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readInfo", clientTarget(client));
    const [installation, pending, delivered] = await Promise.all([
      this.prisma.installation.findUniqueOrThrow({ where: { id: client.installationId }, select: { connectionStringEnc: true } }),
      this.prisma.outboxMessage.findMany({ where: { clientId: client.id, status: "pending" }, select: pendingSelect }),
      this.prisma.outboxMessage.findFirst({ where: { clientId: client.id, status: "delivered" }, orderBy: { id: "desc" }, select: { deliveredAt: true, version: true } }),
    ]);
    return {
      ...summarize(installation.connectionStringEnc !== null, pending),
      lastDeliveredAt: delivered?.deliveredAt?.toISOString() ?? null,
      lastDeliveredVersion: delivered?.version ?? null,
    };
  }

  async forInstallation(principal: Principal, installationId: string) {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { connectionStringEnc: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "readInfo", { kind: "installation", id: installationId });
    const pending = await this.prisma.outboxMessage.findMany({ where: { installationId, status: "pending" }, select: pendingSelect, orderBy: { id: "asc" } });
    const byClient = new Map<string, PendingRow[]>();
    for (const row of pending) byClient.set(row.clientName, [...(byClient.get(row.clientName) ?? []), row]);
    const connected = installation.connectionStringEnc !== null;
    return {
      ...summarize(connected, pending),
      clients: [...byClient].map(([name, rows]) => ({ name, ...summarize(connected, rows) })),
    };
  }

  async retryClient(principal: Principal, name: string) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "updateClient", clientTarget(client));
    const { count } = await this.prisma.outboxMessage.updateMany({ where: { clientId: client.id, status: "pending" }, data: { nextAttemptAt: new Date() } });
    this.wake();
    return { retrying: count };
  }

  async retryInstallation(principal: Principal, installationId: string) {
    const installation = await this.prisma.installation.findUnique({ where: { id: installationId }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${installationId}'.`);
    requireAccess(principal, "updateInstallation", { kind: "installation", id: installationId });
    const { count } = await this.prisma.outboxMessage.updateMany({ where: { installationId, status: "pending" }, data: { nextAttemptAt: new Date() } });
    this.wake();
    return { retrying: count };
  }
}
