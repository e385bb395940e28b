import { AppError } from "../errors.ts";
import type { Refusal } from "./limit-rule.ts";

/**
 * Every limit answers 429 with Retry-After (whole seconds, at least 1) and a Message that
 * says how long to wait.
 */
export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, "TooManyRequests", message, { "Retry-After": String(retryAfterSeconds) });
  }

  static from(refusal: Refusal, message: string): TooManyRequestsError {
    const seconds = retryAfterSeconds(refusal);
    return new TooManyRequestsError(`${message} Try again in ${describeWait(seconds)}.`, seconds);
  }
}

export function retryAfterSeconds(refusal: Refusal): number {
  return Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
}

/** "1 second", "45 seconds", "3 minutes", "2 hours". */
export function describeWait(seconds: number): string {
  const [value, unit] = seconds < 90 ? [seconds, "second"] : seconds < 90 * 60 ? [Math.ceil(seconds / 60), "minute"] : [Math.ceil(seconds / 3600), "hour"];
  return `${value} ${unit}${value === 1 ? "" : "s"}`;
}
