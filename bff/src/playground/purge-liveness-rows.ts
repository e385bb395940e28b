import type { LivenessLimits } from "../config.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { FramePrintStore } from "./frame-print-store.ts";
import { LivenessFailureLimit } from "./liveness-failure-limit.ts";

/** Keeps the replay store and the failure counts bounded: fingerprints past their retention, failures past the window. */
export async function purgeLivenessRows(prisma: PrismaClient, limits: LivenessLimits): Promise<void> {
  await new FramePrintStore(prisma, { retentionDays: limits.printRetentionDays }).purge();
  await new LivenessFailureLimit(prisma, { maxFailures: limits.failuresPerUser, windowSeconds: limits.failureWindowSeconds }).purge();
}
