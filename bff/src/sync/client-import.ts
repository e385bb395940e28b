import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { ClientDocument, InstallationStore } from "../installation-stores/installation-store.ts";
import type { Logger } from "pino";
import { describeStoreFailure } from "../installation-stores/store-failure.ts";
import { importMessage, type ImportMessage, type ImportMessageKind } from "./import-messages.ts";
import { insertImportedRows, type ImportedRows } from "./imported-rows.ts";

/**
 * Import on a new connection string (seed 000): the installation's existing clients are
 * added to the BWS database, and every client gets a report message.
 * Rules:
 * - A client only in the installation is imported with the importing user as its Owner,
 *   with the certificates the BWS database knows (by thumbprint) and its Web API keys.
 * - A client on both sides is left as it is (the BWS database wins at its next update);
 *   identical ones are reported as in sync.
 * - A client only in the BWS database is reported; nothing is pushed until it is updated.
 * - One transaction for all writes: an import is whole or nothing (imported-rows.ts).
 * - An installation that cannot be read gives a report with the failure's category; the
 *   driver's text goes to the server log only.
 */
export interface ImportReport {
  installationId: string;
  finishedAt: string;
  counts: Partial<Record<ImportMessageKind, number>>;
  messages: ImportMessage[];
  /** Set when the installation could not be read; nothing was imported. */
  error?: string;
}

type InstallationClient = Partial<ClientDocument> & { name: string };

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

export async function importInstallationClients(
  prisma: PrismaClient,
  store: InstallationStore,
  installationId: string,
  actor: Principal,
  logger: Logger,
): Promise<ImportReport> {
  const finish = (messages: ImportMessage[], error?: string): ImportReport => {
    const counts: Partial<Record<ImportMessageKind, number>> = {};
    for (const m of messages) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
    return { installationId, finishedAt: new Date().toISOString(), counts, messages, ...(error ? { error } : {}) };
  };

  let remote: InstallationClient[];
  try {
    remote = [];
    for await (const client of store.readClients()) remote.push(client);
  } catch (error) {
    const failure = describeStoreFailure(error);
    logger.warn({ installationId, category: failure.category, error: failure.detail }, "client import could not read the installation");
    return finish([], `The installation's database could not be read: ${failure.message}`);
  }

  const [local, certificates, storages, otherNames, takenAppIds] = await Promise.all([
    prisma.client.findMany({
      where: { installationId },
      include: { storage: true, certificates: { include: { certificate: true } }, keys: { where: { revokedAt: null } } },
    }),
    prisma.certificate.findMany({ where: { installationId }, select: { id: true, name: true, thumbprint: true } }),
    prisma.storage.findMany({ where: { installationId } }),
    prisma.client.findMany({ where: { installationId: { not: installationId }, name: { in: remote.map((r) => r.name) } }, select: { name: true } }),
    prisma.webApiKey.findMany({ where: { appId: { in: remote.flatMap((r) => (r.webApiKeys ?? []).map((k) => k.appId)) } }, select: { appId: true } }),
  ]);
  const localByName = new Map(local.map((c) => [c.name, c]));
  const certByThumbprint = new Map(certificates.map((c) => [c.thumbprint.toUpperCase(), c]));
  const storageByName = new Map(storages.map((s) => [s.name, s.id]));
  const foreignNames = new Set(otherNames.map((c) => c.name));
  const usedAppIds = new Set(takenAppIds.map((k) => k.appId));
  const usedPartitions = new Set(local.map((c) => `${c.storageId}/${c.partition}`));

  const messages: ImportMessage[] = [];
  const rows: ImportedRows = { storages: [], clients: [], owners: [], attachments: [], keys: [] };
  const { storages: newStorages, clients, owners, attachments, keys } = rows;

  for (const doc of remote) {
    const mine = localByName.get(doc.name);
    if (mine) {
      const identical =
        mine.version === doc.version &&
        mine.partition === doc.partition &&
        mine.storage.name === doc.storage &&
        mine.identification === doc.identification &&
        mine.expiresAt.getTime() === (doc.expiresAt ? new Date(doc.expiresAt).getTime() : NaN) &&
        sameSet(mine.certificates.map((c) => c.certificate.thumbprint), (doc.certificates ?? []).map((c) => c.thumbprint.toUpperCase())) &&
        sameSet(mine.keys.map((k) => k.appId), (doc.webApiKeys ?? []).map((k) => k.appId));
      messages.push(identical ? importMessage.inSync(doc.name) : importMessage.notSynchronized(doc.name, mine, { version: doc.version, updatedAt: doc.updatedAt ? new Date(doc.updatedAt) : undefined }));
      continue;
    }
    const storageName = doc.storage ?? "";
    const partition = doc.partition;
    if (foreignNames.has(doc.name)) {
      messages.push(importMessage.notImported(doc.name, "a client with this name belongs to another installation."));
      continue;
    }
    if (!storageName || !Number.isInteger(partition) || partition! < 1 || doc.name.length > 100) {
      messages.push(importMessage.notImported(doc.name, "its storage, partition or name is missing or invalid."));
      continue;
    }
    let storageId = storageByName.get(storageName);
    if (!storageId) {
      storageId = randomUUID();
      storageByName.set(storageName, storageId);
      newStorages.push({ id: storageId, installationId, name: storageName });
    }
    if (usedPartitions.has(`${storageId}/${partition}`)) {
      messages.push(importMessage.notImported(doc.name, `partition ${partition} of storage '${storageName}' is already used by another client.`));
      continue;
    }
    usedPartitions.add(`${storageId}/${partition}`);
    const id = randomUUID();
    clients.push({
      id,
      name: doc.name,
      installationId,
      storageId,
      partition: partition!,
      expiresAt: doc.expiresAt ? new Date(doc.expiresAt) : new Date(Date.now() + 365 * 86_400_000),
      identification: doc.identification ?? false,
      logImages: doc.logging?.logImages ?? false,
      logLevel: doc.logging?.level ?? "info",
      logRetentionDays: doc.logging?.retentionDays ?? 30,
      version: doc.version ?? 1,
    });
    owners.push({ userId: actor.userId, clientId: id, grantedById: actor.userId });
    messages.push(importMessage.imported(doc.name));
    for (const { thumbprint } of doc.certificates ?? []) {
      const known = certByThumbprint.get(thumbprint.toUpperCase());
      if (known) {
        attachments.push({ clientId: id, certificateId: known.id });
        messages.push(importMessage.certificateAdded(doc.name, known.name, known.thumbprint));
      } else {
        messages.push(importMessage.certificateUnknown(doc.name, thumbprint));
      }
    }
    for (const key of doc.webApiKeys ?? []) {
      if (usedAppIds.has(key.appId) || !key.secretHash) continue;
      usedAppIds.add(key.appId);
      keys.push({ appId: key.appId, clientId: id, label: "imported", secretHash: key.secretHash, expiresAt: key.expiresAt ? new Date(key.expiresAt) : null });
    }
  }
  const remoteNames = new Set(remote.map((r) => r.name));
  for (const mine of local) if (!remoteNames.has(mine.name)) messages.push(importMessage.onlyInBws(mine.name));

  const report = finish(messages);
  await prisma.$transaction(
    async (tx) => {
      await insertImportedRows(tx, rows);
      await recordAudit(tx, actor, {
        action: "installation.import",
        objectType: "installation",
        objectId: installationId,
        installationId,
        after: { counts: report.counts },
      });
    },
    { timeout: 120_000 },
  );
  return report;
}
