import type { MultiSeries } from '@swimlane/ngx-charts';

import { bucketStarts } from './usage-range';
import { UsageTimeline } from './usage-report';

/**
 * A timeline with a count for every bucket of its range, as charts and the CSV show it.
 * - The BFF sends only buckets that had calls; the others count 0, so lines stay continuous.
 * - Series are sorted by name, so an operation keeps its colour and place from range to range.
 */
export interface FilledTimeline {
  /** ISO bucket starts, oldest first. */
  readonly buckets: readonly string[];
  readonly series: readonly FilledSeries[];
}

export interface FilledSeries {
  readonly name: string;
  /** One count per bucket, in the order of `buckets`. */
  readonly counts: readonly number[];
}

export function fillTimeline(timeline: UsageTimeline): FilledTimeline {
  const buckets = new Set(bucketStarts(timeline));
  // A point outside the expected buckets (another bucket size, a clock change) is still shown.
  for (const series of timeline.series) {
    for (const point of series.points) buckets.add(new Date(point.at).toISOString());
  }
  const sortedBuckets = [...buckets].sort();
  const series = [...timeline.series]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => {
      const counts = new Map<string, number>();
      for (const point of entry.points) {
        const at = new Date(point.at).toISOString();
        counts.set(at, (counts.get(at) ?? 0) + point.count);
      }
      return { name: entry.name, counts: sortedBuckets.map((at) => counts.get(at) ?? 0) };
    });
  return { buckets: sortedBuckets, series };
}

/** The series for ngx-charts' line and area charts, with dates on the x axis. */
export function toChartSeries(filled: FilledTimeline): MultiSeries {
  return filled.series.map((series) => ({
    name: series.name,
    series: filled.buckets.map((at, index) => ({ name: new Date(at), value: series.counts[index] ?? 0 })),
  }));
}
