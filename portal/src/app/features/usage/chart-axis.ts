import { UsageBucket } from './usage-range';
import { FilledTimeline } from './usage-series';

/**
 * What the calls chart draws on its time axis.
 * - Ticks sit on bucket starts, at most `maxTicks` of them, evenly spaced: one label per
 *   bucket at most, so no date appears twice (ngx-charts' own ticks fall between days).
 * - The bucket holding "now" is still filling up. Drawn, it would end every preset in a
 *   cliff; it is left out of the lines and reported beside the chart with its count so far.
 */
export interface ChartTimeline {
  readonly complete: FilledTimeline;
  /** The last bucket when it has not ended yet: its start and the calls so far. */
  readonly partial: { readonly at: string; readonly calls: number } | null;
}

const BUCKET_MS: Record<UsageBucket, number> = { hour: 3_600_000, day: 86_400_000 };

export function splitPartialBucket(filled: FilledTimeline, bucket: UsageBucket, now: Date = new Date()): ChartTimeline {
  const last = filled.buckets.length - 1;
  const lastStart = filled.buckets[last];
  if (lastStart === undefined || Date.parse(lastStart) + BUCKET_MS[bucket] <= now.getTime()) {
    return { complete: filled, partial: null };
  }
  return {
    complete: {
      buckets: filled.buckets.slice(0, last),
      series: filled.series.map((series) => ({ name: series.name, counts: series.counts.slice(0, last) })),
    },
    partial: { at: lastStart, calls: filled.series.reduce((sum, series) => sum + (series.counts[last] ?? 0), 0) },
  };
}

/** Bucket starts to put ticks on: every n-th, ending at the last, at most `maxTicks`. */
export function axisTicks(buckets: readonly string[], maxTicks = 8): Date[] {
  if (buckets.length === 0) return [];
  const step = Math.ceil(buckets.length / maxTicks);
  const ticks: Date[] = [];
  for (let index = buckets.length - 1; index >= 0; index -= step) ticks.unshift(new Date(buckets[index] ?? ''));
  return ticks;
}
