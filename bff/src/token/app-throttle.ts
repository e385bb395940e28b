import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { AppError } from "../errors.ts";

/**
 * Abuse limits of the Token Web API, counted in the shared database so that every
 * instance enforces the same limits.
 * - Wrong App-Secrets: from the 5th failure within 15 minutes an App-ID is blocked,
 *   for 2^(failures-5) seconds capped at 15 minutes; a success clears the count.
 * - Requests per App-ID and minute above the configured limit are refused.
 * Both answer 429 with Retry-After.
 */
const freeFailures = 5;
const failureWindowMs = 15 * 60_000;
const maxBlockMs = 15 * 60_000;

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, "TooManyRequests", message, { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export class AppThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly requestsPerMinute: number,
  ) {}

  /** Throws 429 while the App-ID is blocked; tells whether failures are on record. */
  async assertNotBlocked(appId: string): Promise<{ failuresOnRecord: boolean }> {
    const row = await this.prisma.appAuthFailure.findUnique({ where: { appId } });
    const until = row?.blockedUntil?.getTime() ?? 0;
    if (until > Date.now()) {
      throw new TooManyRequestsError("Too many wrong App-Secrets for this App-ID. Try again later.", (until - Date.now()) / 1000);
    }
    return { failuresOnRecord: row !== null };
  }

  async recordFailure(appId: string): Promise<void> {
    const now = Date.now();
    const [row] = await this.prisma.$queryRawUnsafe<{ failures: number }[]>(
      `INSERT INTO "app_auth_failures" ("app_id", "failures", "window_start") VALUES ($1, 1, $2::timestamp)
       ON CONFLICT ("app_id") DO UPDATE SET
         "failures" = CASE WHEN "app_auth_failures"."window_start" < $3::timestamp THEN 1 ELSE "app_auth_failures"."failures" + 1 END,
         "window_start" = CASE WHEN "app_auth_failures"."window_start" < $3::timestamp THEN $2::timestamp ELSE "app_auth_failures"."window_start" END
       RETURNING "failures"`,
      appId,
      sqlTimestamp(new Date(now)),
      sqlTimestamp(new Date(now - failureWindowMs)),
    );
    const failures = row?.failures ?? 1;
    if (failures >= freeFailures) {
      const blockMs = Math.min(maxBlockMs, 1000 * 2 ** (failures - freeFailures));
      await this.prisma.appAuthFailure.update({ where: { appId }, data: { blockedUntil: new Date(now + blockMs) } });
    }
  }

  async recordSuccess(appId: string): Promise<void> {
    await this.prisma.appAuthFailure.deleteMany({ where: { appId } });
  }

  async countRequest(appId: string): Promise<void> {
    if (this.requestsPerMinute <= 0) return;
    const now = new Date();
    const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const [row] = await this.prisma.$queryRawUnsafe<{ count: number }[]>(
      `INSERT INTO "app_request_windows" ("app_id", "window_start", "count") VALUES ($1, $2::timestamp, 1)
       ON CONFLICT ("app_id", "window_start") DO UPDATE SET "count" = "app_request_windows"."count" + 1
       RETURNING "count"`,
      appId,
      sqlTimestamp(windowStart),
    );
    if ((row?.count ?? 0) > this.requestsPerMinute) {
      throw new TooManyRequestsError(
        `This App-ID is limited to ${this.requestsPerMinute} token requests per minute.`,
        (windowStart.getTime() + 60_000 - now.getTime()) / 1000,
      );
    }
  }
}
