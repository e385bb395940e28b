import type { LimitSettings } from "../config.ts";
import { perWindow, type LimitRule } from "../limits/limit-rule.ts";
import type { Limiter } from "../limits/limiter.ts";
import { TooManyRequestsError } from "../limits/too-many-requests.ts";
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
 */
export class PlaygroundLimits {
  private readonly tokensPerUser: LimitRule;
  private readonly tokensPerClient: LimitRule;
  private readonly attemptsPerUser: LimitRule;
  private readonly attemptsPerClient: LimitRule;

  constructor(
    private readonly limiter: Limiter,
    settings: Pick<
      LimitSettings,
      "playgroundTokensPerUserPerMinute" | "playgroundTokensPerClientPerMinute" | "livenessAttemptsPerUserPerMinute" | "livenessAttemptsPerClientPerMinute"
    >,
  ) {
    this.tokensPerUser = perWindow("playground.tokensPerUser", settings.playgroundTokensPerUserPerMinute, 60_000);
    this.tokensPerClient = perWindow("playground.tokensPerClient", settings.playgroundTokensPerClientPerMinute, 60_000);
    this.attemptsPerUser = perWindow("liveness.attemptsPerUser", settings.livenessAttemptsPerUserPerMinute, 60_000);
    this.attemptsPerClient = perWindow("liveness.attemptsPerClient", settings.livenessAttemptsPerClientPerMinute, 60_000);
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
}
