import type { Prisma } from "../generated/prisma/client.ts";
import { loadClientDocument, toPayload } from "./client-document.ts";

export interface ClassDeleteTarget {
  storage: string;
  partition: number;
  classId: bigint;
  trait?: string;
}

/**
 * Queues client changes for their installation (the write side of the outbox).
 * Rules:
 * - Called inside the transaction of the change: the change and its message commit or
 *   roll back together, so no change is lost and none is pushed that did not happen.
 * - Each message holds the whole document, so a newer one supersedes every older
 *   undelivered one of the same client without losing fields. One being delivered right
 *   now may still land; the installation keeps whichever version is newer.
 * - Installations without a connection string are not connected: nothing is queued; the
 *   import on connecting reports such clients as "only in the BWS database".
 */
export class ClientSync {
  private wakeTimer?: NodeJS.Timeout;

  constructor(private readonly onQueued: () => void = () => {}) {}

  async enqueueUpsert(tx: Prisma.TransactionClient, clientId: string): Promise<void> {
    const document = await loadClientDocument(tx, clientId);
    if (!document) return;
    const client = await tx.client.findUniqueOrThrow({
      where: { id: clientId },
      select: { installationId: true, installation: { select: { connectionStringEnc: true } } },
    });
    if (!client.installation.connectionStringEnc) return;
    await this.supersede(tx, clientId);
    await this.queue(tx, { id: clientId, name: document.name, installationId: client.installationId }, "upsert", document.version, toPayload(document));
  }

  async enqueueDelete(
    tx: Prisma.TransactionClient,
    client: { id: string; name: string; installationId: string; version: number },
  ): Promise<void> {
    const installation = await tx.installation.findUniqueOrThrow({ where: { id: client.installationId }, select: { connectionStringEnc: true } });
    await this.supersede(tx, client.id);
    if (!installation.connectionStringEnc) return;
    await this.queue(tx, client, "delete", client.version + 1, { name: client.name });
  }

  /**
   * Queues the deletion of a class (or of one trait's templates, a pattern). It is not a
   * client document: a later client change does not supersede it.
   */
  async enqueueClassDelete(
    tx: Prisma.TransactionClient,
    client: { id: string; name: string; installationId: string; version: number },
    target: ClassDeleteTarget,
  ): Promise<void> {
    // Queued even without a connection string: unlike a client document, which the import
    // reconciles once one is set, a deleted class would otherwise stay on the installation.
    await this.queue(tx, client, "deleteClass", client.version, {
      storage: target.storage,
      partition: target.partition,
      classId: String(target.classId),
      ...(target.trait ? { trait: target.trait } : {}),
    });
  }

  private async queue(
    tx: Prisma.TransactionClient,
    client: { id: string; name: string; installationId: string },
    kind: "upsert" | "delete" | "deleteClass",
    version: number,
    payload: Prisma.InputJsonValue,
  ): Promise<void> {
    await tx.outboxMessage.create({ data: { installationId: client.installationId, clientId: client.id, clientName: client.name, kind, version, payload } });
    this.wakeSoon();
  }

  private async supersede(tx: Prisma.TransactionClient, clientId: string): Promise<void> {
    await tx.outboxMessage.updateMany({ where: { clientId, status: "pending", kind: { in: ["upsert", "delete"] } }, data: { status: "superseded" } });
  }

  /** The worker looks right after the transaction has (most likely) committed. */
  private wakeSoon(): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(this.onQueued, 5);
    this.wakeTimer.unref();
  }
}
