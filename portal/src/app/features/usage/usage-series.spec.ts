import { describe, expect, it } from 'vitest';

import { UsageTimeline } from './usage-report';
import { fillTimeline, toChartSeries } from './usage-series';

const TIMELINE: UsageTimeline = {
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-04T00:00:00.000Z',
  bucket: 'day',
  total: 9,
  successRate: 1,
  series: [
    { name: 'verify', points: [{ at: '2026-03-03T00:00:00.000Z', count: 4 }] },
    {
      name: 'enroll',
      points: [
        { at: '2026-03-01T00:00:00.000Z', count: 2 },
        { at: '2026-03-03T00:00:00.000Z', count: 3 },
      ],
    },
  ],
};

describe('fillTimeline', () => {
  it('counts 0 for the buckets without calls and sorts the series by name', () => {
    expect(fillTimeline(TIMELINE)).toEqual({
      buckets: ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
      series: [
        { name: 'enroll', counts: [2, 0, 3] },
        { name: 'verify', counts: [0, 0, 4] },
      ],
    });
  });

  it('keeps a point that falls outside the expected buckets', () => {
    const odd = { ...TIMELINE, series: [{ name: 'verify', points: [{ at: '2026-03-02T12:00:00Z', count: 1 }] }] };

    const filled = fillTimeline(odd);

    expect(filled.buckets).toContain('2026-03-02T12:00:00.000Z');
    expect(filled.series[0]?.counts).toEqual([0, 0, 1, 0]);
  });

  it('has buckets but no series when nothing was called', () => {
    expect(fillTimeline({ ...TIMELINE, series: [] })).toEqual({
      buckets: ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
      series: [],
    });
  });
});

describe('toChartSeries', () => {
  it('puts bucket dates on the x axis and counts on the y axis', () => {
    const chart = toChartSeries(fillTimeline(TIMELINE));

    expect(chart.map((series) => series.name)).toEqual(['enroll', 'verify']);
    expect(chart[0]?.series).toEqual([
      { name: new Date('2026-03-01T00:00:00.000Z'), value: 2 },
      { name: new Date('2026-03-02T00:00:00.000Z'), value: 0 },
      { name: new Date('2026-03-03T00:00:00.000Z'), value: 3 },
    ]);
  });
});
