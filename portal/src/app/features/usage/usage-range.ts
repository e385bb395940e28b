/**
 * The time ranges dashboards and logs offer, and the `from`/`to`/`bucket` sent for them.
 * - Ranges are half-open, [from, to), and aligned to whole UTC buckets as the BFF's rollups
 *   are; a preset's last bucket is the one holding "now", so the current hour or day counts.
 * - Buckets are hours for ranges up to 3 days and days beyond. The bucket is always sent.
 * - Custom ranges are whole UTC days, both picked days included, at most 400 days (the
 *   BFF refuses longer ones).
 */
export type UsageBucket = 'hour' | 'day';
export type RangePreset = '24h' | '7d' | '30d' | '90d' | 'custom';

export interface RangeSelection {
  readonly preset: RangePreset;
  /** `yyyy-mm-dd`, the first UTC day; read for 'custom' only. */
  readonly customFrom: string;
  /** `yyyy-mm-dd`, the last UTC day (included); read for 'custom' only. */
  readonly customTo: string;
}

export interface TimeRange {
  /** ISO date-time, inclusive. */
  readonly from: string;
  /** ISO date-time, exclusive. */
  readonly to: string;
  readonly bucket: UsageBucket;
}

export const RANGE_PRESETS: readonly { readonly value: RangePreset; readonly label: string }[] = [
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: 'custom', label: 'Custom' },
];

export const DEFAULT_RANGE_SELECTION: RangeSelection = { preset: '7d', customFrom: '', customTo: '' };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_DAYS = 400;
const PRESET_SPANS = {
  '24h': { buckets: 24, bucket: 'hour' },
  '7d': { buckets: 7, bucket: 'day' },
  '30d': { buckets: 30, bucket: 'day' },
  '90d': { buckets: 90, bucket: 'day' },
} as const;

/** The range to ask for; null while a custom range is incomplete or invalid (see customRangeProblem). */
export function resolveRange(selection: RangeSelection, now: Date = new Date()): TimeRange | null {
  if (selection.preset === 'custom') return customRange(selection.customFrom, selection.customTo);
  const { buckets, bucket } = PRESET_SPANS[selection.preset];
  const size = bucketMs(bucket);
  // Epoch milliseconds count from a UTC midnight, so flooring aligns to UTC hours and days.
  const to = Math.floor(now.getTime() / size) * size + size;
  return { from: new Date(to - buckets * size).toISOString(), to: new Date(to).toISOString(), bucket };
}

/** Why a custom range cannot be shown, in words for the form; null when it can. */
export function customRangeProblem(customFrom: string, customTo: string): string | null {
  const from = utcDay(customFrom);
  const to = utcDay(customTo);
  if (from === null || to === null) return 'Pick the first and the last day.';
  if (to < from) return 'The last day must not be before the first.';
  if ((to - from) / DAY_MS + 1 > MAX_DAYS) return `Pick at most ${MAX_DAYS} days.`;
  return null;
}

/** Hours up to 3 days, days beyond. */
export function bucketFor(fromMs: number, toMs: number): UsageBucket {
  return toMs - fromMs <= 3 * DAY_MS ? 'hour' : 'day';
}

/** Every bucket start in the range, oldest first, as ISO date-times. */
export function bucketStarts(range: TimeRange): string[] {
  const size = bucketMs(range.bucket);
  const end = Date.parse(range.to);
  const starts: string[] = [];
  for (let at = Math.floor(Date.parse(range.from) / size) * size; at < end; at += size) {
    starts.push(new Date(at).toISOString());
  }
  return starts;
}

/** The custom days that show `range` again: its first day and its last (included) day. */
export function rangeDays(range: TimeRange): { readonly customFrom: string; readonly customTo: string } {
  return {
    customFrom: range.from.slice(0, 10),
    customTo: new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10),
  };
}

function customRange(customFrom: string, customTo: string): TimeRange | null {
  if (customRangeProblem(customFrom, customTo) !== null) return null;
  const from = utcDay(customFrom) ?? 0;
  const to = (utcDay(customTo) ?? 0) + DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: bucketFor(from, to) };
}

function bucketMs(bucket: UsageBucket): number {
  return bucket === 'hour' ? HOUR_MS : DAY_MS;
}

/** Midnight UTC of a `yyyy-mm-dd` day in epoch milliseconds; null for anything else. */
function utcDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : null;
}
