import type { Logger } from "pino";
import { isOff, refusalOf, startsRefusal, type LimitRule, type Refusal } from "./limit-rule.ts";
import type { CounterView, SharedCounters } from "./shared-counters.ts";

/**
 * Applies limit rules to the shared counters.
 * Rules:
 * - `take` (request rates): refused while the key is at its limit, else counted.
 * - `check` + `settle` (attempts that can fail): refused while any key is blocked or
 *   delayed; a failure counts on every key, a success clears the keys whose rule says so.
 * - `begin` does both around a slow check (a password hash): while attempts are in
 *   progress on a key that already has a failure in its window, each counts as a failure
 *   that has just happened, so a burst of parallel guesses cannot slip past a progressive
 *   delay. Keys without failures let parallel attempts through (many users behind one
 *   address, parallel script runs).
 * - When an event starts a block or a progressive delay, ONE log line says so: the limit,
 *   what the caller names (source address, username, App-ID, never a secret) and for how
 *   long. Refused requests are not logged. A block also syncs at once, so that other
 *   instances see it without waiting for the next interval.
 */
export interface LimitCheck {
  rule: LimitRule;
  key: string;
}

export type LimitContext = Record<string, string | undefined>;

export interface Attempt {
  /** Counts the attempt's outcome and releases it; later calls do nothing. */
  end(succeeded: boolean): Promise<void>;
  /** Releases it without counting (the check could not be made, e.g. the server was busy). */
  abandon(): void;
}

export class Limiter {
  private readonly inProgress = new Map<string, number>();

  constructor(
    readonly counters: SharedCounters,
    private readonly logger: Logger,
  ) {}

  now(): number {
    return this.counters.clock();
  }

  async take(rule: LimitRule, key: string, context: LimitContext): Promise<Refusal | undefined> {
    if (isOff(rule)) return undefined;
    const before = await this.counters.read(key, rule.windowMs);
    const refusal = refusalOf(rule, before, this.now());
    if (refusal) return refusal;
    this.report(rule, before?.count ?? 0, this.counters.count(key, rule.windowMs), context);
    return undefined;
  }

  async check(checks: readonly LimitCheck[]): Promise<Refusal | undefined> {
    return this.refusal(checks, false);
  }

  async settle(checks: readonly LimitCheck[], succeeded: boolean, context: LimitContext): Promise<void> {
    for (const { rule, key } of checks) {
      if (isOff(rule)) continue;
      const before = await this.counters.read(key, rule.windowMs);
      if (succeeded) {
        if (rule.successClears && before && before.count > 0) this.counters.reset(key, rule.windowMs);
      } else {
        this.report(rule, before?.count ?? 0, this.counters.count(key, rule.windowMs), context);
      }
    }
  }

  async begin(checks: readonly LimitCheck[], context: LimitContext): Promise<{ refusal: Refusal } | { attempt: Attempt }> {
    const refusal = await this.refusal(checks, true);
    if (refusal) return { refusal };
    for (const { key } of checks) this.inProgress.set(key, (this.inProgress.get(key) ?? 0) + 1);
    let ended = false;
    const release = (): boolean => {
      if (ended) return false;
      ended = true;
      for (const { key } of checks) {
        const left = (this.inProgress.get(key) ?? 1) - 1;
        if (left > 0) this.inProgress.set(key, left);
        else this.inProgress.delete(key);
      }
      return true;
    };
    const end = async (succeeded: boolean) => {
      if (release()) await this.settle(checks, succeeded, context);
    };
    return { attempt: { end, abandon: () => void release() } };
  }

  /** The longest refusal among the keys, if any refuses. */
  private async refusal(checks: readonly LimitCheck[], countInProgress: boolean): Promise<Refusal | undefined> {
    const active = checks.filter(({ rule }) => !isOff(rule));
    const views = await Promise.all(active.map(({ rule, key }) => this.counters.read(key, rule.windowMs)));
    const now = this.now();
    let longest: Refusal | undefined;
    active.forEach(({ rule, key }, index) => {
      const running = countInProgress ? (this.inProgress.get(key) ?? 0) : 0;
      const refusal = refusalOf(rule, withInProgress(views[index], running, now), now);
      if (refusal && (!longest || refusal.retryAfterMs > longest.retryAfterMs)) longest = refusal;
    });
    return longest;
  }

  private report(rule: LimitRule, before: number, after: CounterView, context: LimitContext): void {
    const started = startsRefusal(rule, before, after.count);
    if (!started) return;
    const now = this.now();
    const retryAfterSeconds = Math.ceil((refusalOf(rule, after, now)?.retryAfterMs ?? 0) / 1000);
    const fields = { limit: rule.name, ...context, count: after.count, retryAfterSeconds };
    if (started === "blocked") {
      this.logger.warn(fields, `limit ${rule.name} reached: refused for ${retryAfterSeconds} s`);
      void this.counters.sync();
    } else {
      this.logger.info(fields, `limit ${rule.name}: progressive delay started`);
    }
  }
}

/** Attempts in progress on a key with failures count as failures that happened just now. */
function withInProgress(view: CounterView | undefined, running: number, now: number): CounterView | undefined {
  if (running === 0 || !view || view.count === 0 || view.expiresAt <= now) return view;
  return { ...view, count: view.count + running, lastAt: now };
}
