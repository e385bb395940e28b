import type { LimitSettings } from "../config.ts";
import type { LimitRule, Refusal } from "../limits/limit-rule.ts";
import type { Attempt, LimitCheck, Limiter } from "../limits/limiter.ts";
import { describeWait, retryAfterSeconds } from "../limits/too-many-requests.ts";

/**
 * Limits on guessing passwords at the embedded IdP (NIST SP 800-63B 5.2.2; OWASP device
 * cookies), shared by all instances. Refusals never say whether the username or the
 * password was wrong, and every count is kept the same way whether or not the account
 * exists (keys are the typed username, not the user).
 * Rules:
 * - Login form from a browser that has signed in as this user before (known-device
 *   cookie): judged only on its own counter for this user. From 5 failures the next try
 *   waits 1 s, doubling up to 30 s; at LOGIN_MAX_FAILURES_PER_DEVICE within 15 minutes it
 *   is refused until they end. An outsider cannot lock a user out of their own browser.
 * - Login form from any other browser, two counters:
 *   - per source address: from 10 failures a delay of 1 s doubling up to 30 s; at
 *     LOGIN_MAX_FAILURES_PER_SOURCE within 15 minutes refused until they end;
 *   - per account, consecutive failures from unknown browsers (NIST's ceiling): from 10 a
 *     delay of 1 s doubling up to 15 min; at LOGIN_MAX_FAILURES_PER_ACCOUNT (at most 100)
 *     refused until 24 h after the first of them. This ceiling only ever stops unknown
 *     browsers; the user's known browsers keep working.
 * - The delays are capped so that a patient guesser reaches each hard limit within its
 *   window: the limit, not only the delay, bounds the guesses.
 * - A success clears the account's and the browser's counts. A source's count is never
 *   cleared by a success: an attacker could clear it by signing in to an account of
 *   their own between guesses.
 * - Password grant: it needs the bws-scripts client secret, so whoever guesses there
 *   holds that secret already. Its failures count per account AND source address (from 5
 *   a delay of 1 s doubling up to 1 min; at PASSWORD_GRANT_MAX_FAILURES within 15 minutes
 *   refused until they end) and per source address (LOGIN_MAX_FAILURES_PER_SOURCE, as the
 *   login form's, on a counter of its own), and never
 *   against the account's ceiling: neither a script with a stale password nor a holder of
 *   the scripts secret elsewhere can lock the user out of the login form or of scripts
 *   running at other addresses.
 */
const fifteenMinutes = 15 * 60_000;

export interface SignInAttemptInput {
  /** As typed; counted trimmed, in lower case (as accounts are looked up), at most 200 characters. */
  username: string;
  source: string;
  /** The device id when the browser's known-device cookie names this user. */
  knownDeviceId?: string;
}

export type SignInStart = { refusal: SignInRefusal } | { attempt: Attempt };

export interface SignInRefusal {
  retryAfterSeconds: number;
  message: string;
}

export class SignInLimits {
  private readonly device: LimitRule;
  private readonly source: LimitRule;
  private readonly account: LimitRule;
  private readonly grantPair: LimitRule;
  private readonly grantSource: LimitRule;

  constructor(
    private readonly limiter: Limiter,
    settings: Pick<LimitSettings, "loginMaxFailuresPerAccount" | "loginMaxFailuresPerSource" | "loginMaxFailuresPerDevice" | "passwordGrantMaxFailures">,
  ) {
    const delay = (from: number, maxMs: number) => ({ from, firstMs: 1000, maxMs });
    this.device = { name: "login.device", windowMs: fifteenMinutes, max: settings.loginMaxFailuresPerDevice, delay: delay(5, 30_000), successClears: true };
    this.source = { name: "login.source", windowMs: fifteenMinutes, max: settings.loginMaxFailuresPerSource, delay: delay(10, 30_000) };
    this.account = { name: "login.account", windowMs: 24 * 60 * 60_000, max: settings.loginMaxFailuresPerAccount, delay: delay(10, fifteenMinutes), successClears: true };
    this.grantPair = { name: "passwordGrant.account", windowMs: fifteenMinutes, max: settings.passwordGrantMaxFailures, delay: delay(5, 60_000), successClears: true };
    this.grantSource = { name: "passwordGrant.source", windowMs: fifteenMinutes, max: settings.loginMaxFailuresPerSource, delay: delay(10, 30_000) };
  }

  async beginLogin(input: SignInAttemptInput): Promise<SignInStart> {
    const username = normalise(input.username);
    const account: LimitCheck = { rule: this.account, key: `login.account:${username}` };
    const context = { username, source: input.source, device: input.knownDeviceId ? "known" : "unknown" };
    if (!input.knownDeviceId) {
      return this.begin([{ rule: this.source, key: `login.source:${input.source}` }, ...(username ? [account] : [])], context);
    }
    const started = await this.begin([{ rule: this.device, key: `login.device:${input.knownDeviceId}|${username}` }], context);
    if ("refusal" in started) return started;
    // The account's failures are consecutive ones: the user's own success ends the run.
    return {
      attempt: {
        end: async (succeeded) => {
          await started.attempt.end(succeeded);
          if (succeeded) await this.limiter.settle([account], true, context);
        },
        abandon: () => started.attempt.abandon(),
      },
    };
  }

  beginPasswordGrant(input: Omit<SignInAttemptInput, "knownDeviceId">): Promise<SignInStart> {
    const username = normalise(input.username);
    return this.begin(
      [
        { rule: this.grantSource, key: `passwordGrant.source:${input.source}` },
        { rule: this.grantPair, key: `passwordGrant.account:${username}|${input.source}` },
      ],
      { username, source: input.source },
    );
  }

  private async begin(checks: LimitCheck[], context: Record<string, string>): Promise<SignInStart> {
    const started = await this.limiter.begin(checks, context);
    return "refusal" in started ? { refusal: describe(started.refusal) } : started;
  }
}

export function normalise(username: string): string {
  return username.trim().toLowerCase().slice(0, 200);
}

function describe(refusal: Refusal): SignInRefusal {
  const seconds = retryAfterSeconds(refusal);
  return { retryAfterSeconds: seconds, message: `Too many failed sign-in attempts. Try again in ${describeWait(seconds)}.` };
}
