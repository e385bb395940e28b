import type { CounterView } from "./shared-counters.ts";

/**
 * What a limit allows, decided from a key's counter alone.
 * Rules:
 * - From `max` counted events in a window on, the key is refused until the window ends.
 * - With `delay`, from `delay.from` events on, the next attempt must wait
 *   firstMs × 2^(count − from), at most maxMs, after the latest event (a progressive
 *   delay); never past the window's end.
 * - `max` of Infinity and no delay: the limit is off.
 */
export interface LimitRule {
  /** Names the limit in log lines, e.g. "login.account". */
  name: string;
  windowMs: number;
  max: number;
  delay?: { from: number; firstMs: number; maxMs: number };
  /** A success clears the key's failures (consecutive-failure limits). */
  successClears?: boolean;
}

export interface Refusal {
  rule: LimitRule;
  retryAfterMs: number;
  /** true: the hard limit; false: a progressive delay. */
  blocked: boolean;
}

export function isOff(rule: LimitRule): boolean {
  return rule.max === Number.POSITIVE_INFINITY && !rule.delay;
}

/** A per-window limit of `max` events; 0 turns it off. */
export function perWindow(name: string, max: number, windowMs: number): LimitRule {
  return { name, windowMs, max: max > 0 ? max : Number.POSITIVE_INFINITY };
}

export function refusalOf(rule: LimitRule, view: CounterView | undefined, now: number): Refusal | undefined {
  if (!view || view.expiresAt <= now || view.count === 0) return undefined;
  if (view.count >= rule.max) return { rule, retryAfterMs: view.expiresAt - now, blocked: true };
  if (rule.delay && view.count >= rule.delay.from) {
    const wait = Math.min(rule.delay.maxMs, rule.delay.firstMs * 2 ** (view.count - rule.delay.from));
    const allowedAt = Math.min(view.lastAt + wait, view.expiresAt);
    if (allowedAt > now) return { rule, retryAfterMs: allowedAt - now, blocked: false };
  }
  return undefined;
}

/** Whether going from `before` to `after` events starts a refusal worth an administrator's notice. */
export function startsRefusal(rule: LimitRule, before: number, after: number): "blocked" | "delayed" | undefined {
  if (before < rule.max && after >= rule.max) return "blocked";
  if (rule.delay && before < rule.delay.from && after >= rule.delay.from) return "delayed";
  return undefined;
}
