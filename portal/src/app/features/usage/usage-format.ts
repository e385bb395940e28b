/**
 * Figures as the dashboards and logs write them (en-US, as the portal's dates are):
 * "1,234", "97.5 %", "120 ms", and "—" where there is nothing to measure.
 */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const NOTHING = '—';

export function formatCount(count: number): string {
  return NUMBER.format(count);
}

/** A rate below 100 % never rounds up to "100 %": one failure in thousands still shows. */
export function formatRate(rate: number | null): string {
  if (rate === null) return NOTHING;
  const percent = Math.round(rate * 1000) / 10;
  return `${NUMBER.format(rate < 1 && percent >= 100 ? 99.9 : percent)} %`;
}

export function formatDuration(ms: number | null): string {
  return ms === null ? NOTHING : `${NUMBER.format(ms)} ms`;
}

/** Axis ticks of call counts: whole calls only, no ticks between them. */
export function formatCountTick(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : '';
}
