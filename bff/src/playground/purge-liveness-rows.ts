import type { PrismaClient } from "../generated/prisma/client.ts";
import { FramePrintStore } from "./frame-print-store.ts";

/** Keeps the replay store bounded: fingerprints past their retention (LIVENESS_PRINT_RETENTION_DAYS) go. */
export async function purgeLivenessRows(prisma: PrismaClient, retentionDays: number): Promise<void> {
  await new FramePrintStore(prisma, { retentionDays }).purge();
}
