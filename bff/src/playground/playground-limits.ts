import type { LimitSettings } from "../config.ts";
import { perWindow, type LimitRule } from "../limits/limit-rule.ts";
import type { Attempt, Limiter } from "../limits/limiter.ts";
import { describeWait, TooManyRequestsError } from "../limits/too-many-requests.ts";
import type { VerifiedToken } from "../token/token-verifier.ts";

/**
 * Per-minute limits of the playground (0 = off), shared by all instances; refusals are
 * 429 with Retry-After and a Message.
 * Rules:
 * - Playground tokens: per signed-in user, checked before the client is read, and per
 *   client, counted only for users who may read it, so no one can use up the allowance
 *   of a client they cannot see.
 * - Liveness attempts: per user the playground token was issued to (tokens of Web API
 *   keys have no user) and per client, whatever issued the token.
 * - A request refused for its user's limit does not count against its client's.
 * - Failed liveness attempts per user in a window (as AWS limits failed liveness checks
 *   per device): from `livenessFailuresPerUser` failures on, the user's attempts are
 *   refused until the window ends. Attempts being judged while the user already has a
 *   failure count as failures, so parallel attempts cannot slip past the limit. Only a
 *   playground token's own user is counted; that token takes the user's own sign-in, so
 *   no outsider can lock a user out. Tokens of Web API keys have no user and are limited
 *   by their tries and the client's per-minute limit.
 */
export class PlaygroundLimits {
  private readonly tokensPerUser: LimitRule;
  private readonly tokensPerClient: LimitRule;
  private readonly attemptsPerUser: LimitRule;
  private readonly attemptsPerClient: LimitRule;
  private readonly failuresPerUser: LimitRule;

  constructor(
    private readonly limiter: Limiter,
    settings: Pick<
      LimitSettings,
      | "playgroundTokensPerUserPerMinute"
      | "playgroundTokensPerClientPerMinute"
      | "livenessAttemptsPerUserPerMinute"
      | "livenessAttemptsPerClientPerMinute"
      | "livenessFailuresPerUser"
      | "livenessFailureWindowSeconds"
    >,
  ) {
    this.tokensPerUser = perWindow("playground.tokensPerUser", settings.playgroundTokensPerUserPerMinute, 60_000);
    this.tokensPerClient = perWindow("playground.tokensPerClient", settings.playgroundTokensPerClientPerMinute, 60_000);
    this.attemptsPerUser = perWindow("liveness.attemptsPerUser", settings.livenessAttemptsPerUserPerMinute, 60_000);
    this.attemptsPerClient = perWindow("liveness.attemptsPerClient", settings.livenessAttemptsPerClientPerMinute, 60_000);
    this.failuresPerUser = perWindow("liveness.failuresPerUser", settings.livenessFailuresPerUser, settings.livenessFailureWindowSeconds * 1000);
  }

  async takeTokenForUser(user: { userId: string; username: string }): Promise<void> {
    const refusal = await this.limiter.take(this.tokensPerUser, `playground.tokens:user:${user.userId}`, { username: user.username });
    if (refusal) throw TooManyRequestsError.from(refusal, `You may get at most ${this.tokensPerUser.max} playground tokens per minute.`);
  }

  async takeTokenForClient(client: { id: string; name: string }): Promise<void> {
    const refusal = await this.limiter.take(this.tokensPerClient, `playground.tokens:client:${client.id}`, { client: client.name });
    if (refusal) throw TooManyRequestsError.from(refusal, `The client '${client.name}' is limited to ${this.tokensPerClient.max} playground tokens per minute.`);
  }

  /** Counts one liveness attempt with a verified token against its user and its client. */
  async takeAttempt(verified: Pick<VerifiedToken, "client" | "issuedTo">): Promise<void> {
    const { client, issuedTo } = verified;
    if (issuedTo) {
      const refusal = await this.limiter.take(this.attemptsPerUser, `liveness.attempts:user:${issuedTo}`, { userId: issuedTo });
      if (refusal) throw TooManyRequestsError.from(refusal, `You may make at most ${this.attemptsPerUser.max} liveness attempts per minute.`);
    }
    const refusal = await this.limiter.take(this.attemptsPerClient, `liveness.attempts:client:${client.id}`, { client: client.name });
    if (refusal) throw TooManyRequestsError.from(refusal, `The client '${client.name}' is limited to ${this.attemptsPerClient.max} liveness attempts per minute.`);
  }

  /**
   * Starts judging an attempt of a playground token's user: 429 while the user has too many
   * recent failures. The caller ends it with the verdict, or abandons it when nothing was
   * judged. Undefined for tokens without a user.
   */
  async beginJudging(verified: Pick<VerifiedToken, "issuedTo">): Promise<Attempt | undefined> {
    if (!verified.issuedTo) return undefined;
    const started = await this.limiter.begin([{ rule: this.failuresPerUser, key: `liveness.failures:user:${verified.issuedTo}` }], { userId: verified.issuedTo });
    if ("refusal" in started) {
      throw TooManyRequestsError.from(started.refusal, `Too many failed liveness attempts: at most ${this.failuresPerUser.max} within ${describeWait(this.failuresPerUser.windowMs / 1000)}.`);
    }
    return started.attempt;
  }
}
