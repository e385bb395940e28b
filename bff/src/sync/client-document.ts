import type { Prisma } from "../generated/prisma/client.ts";
import type { ClientDocument } from "../installation-stores/installation-store.ts";

/**
 * The client document pushed to installations, built from the BWS database inside the
 * transaction of the change, and its JSON form kept in the outbox.
 */
export async function loadClientDocument(tx: Prisma.TransactionClient, clientId: string, now = new Date()): Promise<ClientDocument | null> {
  const client = await tx.client.findUnique({
    where: { id: clientId },
    include: {
      storage: { select: { name: true } },
      certificates: { include: { certificate: { select: { name: true, thumbprint: true } } } },
      keys: { where: { revokedAt: null }, select: { appId: true, secretHash: true, expiresAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!client) return null;
  return {
    name: client.name,
    storage: client.storage.name,
    partition: client.partition,
    enabled: client.expiresAt.getTime() > now.getTime(),
    expiresAt: client.expiresAt,
    identification: client.identification,
    logging: { logImages: client.logImages, level: client.logLevel, retentionDays: client.logRetentionDays },
    certificates: client.certificates.map((c) => ({ name: c.certificate.name, thumbprint: c.certificate.thumbprint })),
    webApiKeys: client.keys.map((k) => ({ appId: k.appId, secretHash: k.secretHash, expiresAt: k.expiresAt })),
    version: client.version,
    updatedAt: now,
  };
}

export function toPayload(document: ClientDocument): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(document)) as Prisma.InputJsonValue;
}

export function fromPayload(payload: unknown): ClientDocument {
  const raw = payload as Omit<ClientDocument, "expiresAt" | "updatedAt" | "webApiKeys"> & {
    expiresAt: string;
    updatedAt: string;
    webApiKeys: { appId: string; secretHash: string; expiresAt: string | null }[];
  };
  return {
    ...raw,
    expiresAt: new Date(raw.expiresAt),
    updatedAt: new Date(raw.updatedAt),
    webApiKeys: raw.webApiKeys.map((k) => ({ ...k, expiresAt: k.expiresAt ? new Date(k.expiresAt) : null })),
  };
}

/** A queued class or pattern deletion (the class id travels as text: JSON has no int64). */
export function classDeleteFromPayload(payload: unknown): { storage: string; partition: number; classId: bigint; trait?: string } {
  const raw = payload as { storage: string; partition: number; classId: string; trait?: string };
  return { storage: raw.storage, partition: raw.partition, classId: BigInt(raw.classId), ...(raw.trait ? { trait: raw.trait } : {}) };
}
