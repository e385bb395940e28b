import type { LimitSettings } from "../config.ts";
import type { LimitRule } from "../limits/limit-rule.ts";
import { perWindow } from "../limits/limit-rule.ts";
import type { LimitCheck, Limiter } from "../limits/limiter.ts";
import { TooManyRequestsError } from "../limits/too-many-requests.ts";

/**
 * Abuse limits of the Token Web API, counted by the shared limiter (bff/src/limits) so
 * that every instance enforces them. All answer 429 with Retry-After and a Message.
 * Rules:
 * - App-IDs are public (every BWS token carries its App-ID in `app`), so wrong App-Secrets
 *   count per App-ID AND source address: guessing from one address never blocks the
 *   application's own servers elsewhere. From the 5th wrong secret within 15 minutes the
 *   next try from that address waits 1 s, doubling up to 1 min; at
 *   TOKEN_MAX_SECRET_FAILURES the address is refused for that App-ID until the 15 minutes
 *   end. The right secret from that address clears its count; a right secret sent while
 *   refused is refused too (else the refusal would tell a guesser when they got it right).
 * - Unknown App-IDs count per source address only, so guessing App-IDs adds one counter
 *   per address, never one per guess. At TOKEN_MAX_UNKNOWN_APP_IDS within 15 minutes the
 *   address is refused for every App-ID, before any database lookup, until the window ends.
 * - Requests per App-ID: at most TOKEN_RATE_LIMIT_PER_MINUTE in a minute that starts at
 *   the first request (0 = off).
 * - Malformed App-IDs (see keys/app-secret.ts) are refused by the token service before
 *   anything is counted or read: they cost nothing.
 */
const fifteenMinutes = 15 * 60_000;

export class AppThrottle {
  private readonly wrongSecrets: LimitRule;
  private readonly unknownAppIds: LimitRule;
  private readonly requests: LimitRule;

  constructor(
    private readonly limiter: Limiter,
    settings: Pick<LimitSettings, "tokenRatePerMinute" | "tokenMaxSecretFailures" | "tokenMaxUnknownAppIds">,
  ) {
    this.wrongSecrets = {
      name: "token.wrongSecrets",
      windowMs: fifteenMinutes,
      max: settings.tokenMaxSecretFailures,
      delay: { from: 5, firstMs: 1000, maxMs: 60_000 },
      successClears: true,
    };
    this.unknownAppIds = perWindow("token.unknownAppIds", settings.tokenMaxUnknownAppIds, fifteenMinutes);
    this.requests = perWindow("token.requests", settings.tokenRatePerMinute, 60_000);
  }

  /** Refuses a source address that sent too many unknown App-IDs. */
  async assertSourceNotBlocked(source: string): Promise<void> {
    const refusal = await this.limiter.check([this.unknownAppIdCheck(source)]);
    if (refusal) throw TooManyRequestsError.from(refusal, "Too many unknown App-IDs came from your address.");
  }

  async recordUnknownAppId(source: string): Promise<void> {
    await this.limiter.settle([this.unknownAppIdCheck(source)], false, { source });
  }

  /** Refuses while this source address is blocked for this App-ID after wrong secrets. */
  async assertNotBlocked(appId: string, source: string): Promise<void> {
    const refusal = await this.limiter.check([this.secretCheck(appId, source)]);
    if (refusal) throw TooManyRequestsError.from(refusal, "Too many wrong App-Secrets for this App-ID came from your address.");
  }

  async recordSecret(appId: string, source: string, right: boolean): Promise<void> {
    await this.limiter.settle([this.secretCheck(appId, source)], right, { appId, source });
  }

  async countRequest(appId: string): Promise<void> {
    const refusal = await this.limiter.take(this.requests, `token.requests:${appId}`, { appId });
    if (refusal) throw TooManyRequestsError.from(refusal, `This App-ID is limited to ${this.requests.max} token requests per minute.`);
  }

  private unknownAppIdCheck(source: string): LimitCheck {
    return { rule: this.unknownAppIds, key: `token.unknownAppIds:${source}` };
  }

  private secretCheck(appId: string, source: string): LimitCheck {
    return { rule: this.wrongSecrets, key: `token.wrongSecrets:${appId}|${source}` };
  }
}
