const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const STEPS: readonly { readonly unit: Intl.RelativeTimeFormatUnit; readonly seconds: number }[] = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
];

/**
 * "Next try in 42 seconds" for a delivery attempt at `nextAttemptAt`, seen at `now`
 * (milliseconds). Below a minute it counts seconds, so a view that re-renders every second
 * shows a countdown; an attempt that is already due says so instead of a time in the past.
 */
export function nextTryText(nextAttemptAt: string, now: number): string {
  const seconds = Math.ceil((Date.parse(nextAttemptAt) - now) / 1000);
  if (seconds <= 0) return 'Next try is due now';
  const step = STEPS.find((candidate) => seconds >= candidate.seconds);
  return step
    ? `Next try ${RELATIVE.format(Math.round(seconds / step.seconds), step.unit)}`
    : `Next try ${RELATIVE.format(seconds, 'second')}`;
}
