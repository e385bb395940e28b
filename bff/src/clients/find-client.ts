import type { PrismaClient } from "../generated/prisma/client.ts";
import { NotFoundError } from "../errors.ts";

/** Looks a client up by its unique name, or answers 404 with a Message. */
export async function findClient(prisma: Pick<PrismaClient, "client">, name: string) {
  const client = await prisma.client.findUnique({
    where: { name },
    select: { id: true, name: true, installationId: true, storageId: true, partition: true, expiresAt: true },
  });
  if (!client) throw new NotFoundError(`There is no client named '${name}'.`);
  return client;
}

export function clientTarget(client: { id: string; installationId: string }) {
  return { kind: "client" as const, id: client.id, installationId: client.installationId };
}
