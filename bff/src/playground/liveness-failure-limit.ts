import type { PrismaClient } from "../generated/prisma/client.ts";
import { TooManyRequestsError } from "../token/app-throttle.ts";

/**
 * Failed liveness attempts per portal user, as AWS limits failures per device: with
 * `maxFailures` failures within `windowSeconds`, the user's next attempts answer 429 until
 * the oldest of them leaves the window. Counted in the shared database, so every instance
 * enforces it.
 *
 * - Only a playground token's own user is counted (the token records who it was issued
 *   to); tokens from the Token Web API (App-ID) have no user and are limited per token
 *   by their maxtries.
 * - An outsider cannot lock a user out: failures come only from attempts made with
 *   tokens issued to that user, which take the user's own sign-in.
 * - A refused attempt (429) is not itself a failure.
 */
export interface FailureLimitOptions {
  /** 0 turns the limit off. */
  maxFailures: number;
  windowSeconds: number;
}

export class LivenessFailureLimit {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: FailureLimitOptions,
  ) {}

  async assertAllowed(userId: string): Promise<void> {
    const { maxFailures, windowSeconds } = this.options;
    if (maxFailures <= 0) return;
    const since = new Date(Date.now() - windowSeconds * 1000);
    const recent = await this.prisma.livenessFailure.findMany({
      where: { userId, at: { gt: since } },
      orderBy: { at: "desc" },
      take: maxFailures,
      select: { at: true },
    });
    if (recent.length < maxFailures) return;
    const oldest = recent[recent.length - 1].at.getTime();
    const retryAfter = (oldest + windowSeconds * 1000 - Date.now()) / 1000;
    throw new TooManyRequestsError(
      `Too many failed liveness attempts: ${maxFailures} within ${windowSeconds} seconds. Try again later.`,
      retryAfter,
    );
  }

  async recordFailure(userId: string): Promise<void> {
    if (this.options.maxFailures <= 0) return;
    await this.prisma.livenessFailure.create({ data: { userId } });
  }

  /** Drops failures older than the window. */
  async purge(): Promise<void> {
    await this.prisma.livenessFailure.deleteMany({ where: { at: { lt: new Date(Date.now() - this.options.windowSeconds * 1000) } } });
  }
}
