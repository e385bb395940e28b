import { describe, expect, it } from 'vitest';

import { formatTick } from '../../shared/time/format-time';
import { axisTicks, splitPartialBucket } from './chart-axis';
import { FilledTimeline } from './usage-series';

const days = (count: number, first = Date.UTC(2026, 10, 30)) =>
  Array.from({ length: count }, (_, i) => new Date(first + i * 86_400_000).toISOString());

describe('axisTicks', () => {
  it('puts at most eight ticks on bucket starts, ending at the last bucket', () => {
    const buckets = days(30);
    const ticks = axisTicks(buckets);

    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.at(-1)?.toISOString()).toBe(buckets.at(-1));
    expect(ticks.every((tick) => buckets.includes(tick.toISOString()))).toBe(true);
  });

  it('gives every day of a week its own tick, and no date twice', () => {
    const labels = axisTicks(days(7)).map((tick) => formatTick(tick, 'UTC', false));

    expect(labels).toEqual(['Nov 30', 'Dec 1', 'Dec 2', 'Dec 3', 'Dec 4', 'Dec 5', 'Dec 6']);
  });

  it('writes unique labels for 24 hourly buckets', () => {
    const hours = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2026, 11, 5, 7) + i * 3_600_000).toISOString());
    const labels = axisTicks(hours).map((tick) => formatTick(tick, 'UTC', true));

    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.at(-1)).toBe('Dec 6, 06:00');
  });
});

describe('splitPartialBucket', () => {
  const filled: FilledTimeline = {
    buckets: days(3, Date.UTC(2026, 11, 4)),
    series: [
      { name: 'verify', counts: [10, 20, 3] },
      { name: 'enroll', counts: [1, 2, 4] },
    ],
  };

  it('leaves out the day that is not over and reports its calls so far', () => {
    const split = splitPartialBucket(filled, 'day', new Date(Date.UTC(2026, 11, 6, 5, 40)));

    expect(split.complete.buckets).toEqual(filled.buckets.slice(0, 2));
    expect(split.complete.series.map((series) => series.counts)).toEqual([
      [10, 20],
      [1, 2],
    ]);
    expect(split.partial).toEqual({ at: '2026-12-06T00:00:00.000Z', calls: 7 });
  });

  it('keeps every bucket of a range that has ended', () => {
    const split = splitPartialBucket(filled, 'day', new Date(Date.UTC(2026, 11, 7)));

    expect(split.complete).toBe(filled);
    expect(split.partial).toBeNull();
  });
});
