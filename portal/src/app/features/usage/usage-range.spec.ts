import { describe, expect, it } from 'vitest';

import {
  DEFAULT_RANGE_SELECTION,
  RangeSelection,
  bucketFor,
  bucketStarts,
  customRangeProblem,
  rangeDays,
  resolveRange,
} from './usage-range';

const NOW = new Date('2026-03-10T14:25:31.000Z');

function custom(customFrom: string, customTo: string): RangeSelection {
  return { preset: 'custom', customFrom, customTo };
}

describe('resolveRange', () => {
  it('defaults to the last 7 days in day buckets, today included', () => {
    expect(resolveRange(DEFAULT_RANGE_SELECTION, NOW)).toEqual({
      from: '2026-03-04T00:00:00.000Z',
      to: '2026-03-11T00:00:00.000Z',
      bucket: 'day',
    });
  });

  it('asks for the last 24 whole hours in hour buckets, the current hour included', () => {
    expect(resolveRange({ ...DEFAULT_RANGE_SELECTION, preset: '24h' }, NOW)).toEqual({
      from: '2026-03-09T15:00:00.000Z',
      to: '2026-03-10T15:00:00.000Z',
      bucket: 'hour',
    });
  });

  it.each([
    ['30d', '2026-02-09T00:00:00.000Z'],
    ['90d', '2025-12-11T00:00:00.000Z'],
  ] as const)('asks for %s in day buckets', (preset, from) => {
    expect(resolveRange({ ...DEFAULT_RANGE_SELECTION, preset }, NOW)).toEqual({
      from,
      to: '2026-03-11T00:00:00.000Z',
      bucket: 'day',
    });
  });

  it('counts a custom range in whole UTC days with both picked days included', () => {
    expect(resolveRange(custom('2026-01-01', '2026-01-31'), NOW)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      bucket: 'day',
    });
  });

  it('uses hour buckets for custom ranges of up to 3 days and day buckets beyond', () => {
    expect(resolveRange(custom('2026-01-01', '2026-01-01'), NOW)?.bucket).toBe('hour');
    expect(resolveRange(custom('2026-01-01', '2026-01-03'), NOW)?.bucket).toBe('hour');
    expect(resolveRange(custom('2026-01-01', '2026-01-04'), NOW)?.bucket).toBe('day');
  });

  it('has no range while the custom days are missing, reversed or impossible', () => {
    expect(resolveRange(custom('', '2026-01-04'), NOW)).toBeNull();
    expect(resolveRange(custom('2026-01-05', '2026-01-04'), NOW)).toBeNull();
    expect(resolveRange(custom('2026-02-30', '2026-03-04'), NOW)).toBeNull();
  });
});

describe('customRangeProblem', () => {
  it('names what is wrong with a custom range', () => {
    expect(customRangeProblem('2026-01-01', '')).toBe('Pick the first and the last day.');
    expect(customRangeProblem('2026-01-05', '2026-01-04')).toBe('The last day must not be before the first.');
    expect(customRangeProblem('2025-01-01', '2026-02-05')).toBe('Pick at most 400 days.');
    expect(customRangeProblem('2025-01-01', '2026-02-04')).toBeNull();
  });
});

describe('bucketFor', () => {
  it('switches from hours to days beyond exactly 3 days', () => {
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    expect(bucketFor(start, start + 3 * 86_400_000)).toBe('hour');
    expect(bucketFor(start, start + 3 * 86_400_000 + 1)).toBe('day');
  });
});

describe('bucketStarts', () => {
  it('lists every bucket of the range, oldest first', () => {
    expect(
      bucketStarts({ from: '2026-03-01T22:00:00.000Z', to: '2026-03-02T01:00:00.000Z', bucket: 'hour' }),
    ).toEqual(['2026-03-01T22:00:00.000Z', '2026-03-01T23:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    expect(bucketStarts(resolveRange(DEFAULT_RANGE_SELECTION, NOW)!)).toHaveLength(7);
  });
});

describe('rangeDays', () => {
  it('gives the first and last day of a range, for prefilling a custom range', () => {
    expect(rangeDays(resolveRange(DEFAULT_RANGE_SELECTION, NOW)!)).toEqual({
      customFrom: '2026-03-04',
      customTo: '2026-03-10',
    });
  });
});
