import { describe, expect, it } from 'vitest';

import { usageCsv, usageCsvFileName } from './usage-csv';

const BOM = '\uFEFF';

describe('usageCsv', () => {
  it('writes one row per bucket and series, zero counts included, oldest bucket first', () => {
    const csv = usageCsv({
      buckets: ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      series: [
        { name: 'enroll', counts: [2, 0] },
        { name: 'verify', counts: [0, 4] },
      ],
    });

    expect(csv).toBe(
      `${BOM}bucket,series,count\r\n` +
        '2026-03-01T00:00:00.000Z,enroll,2\r\n' +
        '2026-03-01T00:00:00.000Z,verify,0\r\n' +
        '2026-03-02T00:00:00.000Z,enroll,0\r\n' +
        '2026-03-02T00:00:00.000Z,verify,4\r\n',
    );
  });

  it('quotes series names that hold a comma', () => {
    const csv = usageCsv({ buckets: ['2026-03-01T00:00:00.000Z'], series: [{ name: 'Werk 2, Halle', counts: [1] }] });

    expect(csv).toContain('2026-03-01T00:00:00.000Z,"Werk 2, Halle",1\r\n');
  });

  it('writes only the header when nothing was called', () => {
    expect(usageCsv({ buckets: ['2026-03-01T00:00:00.000Z'], series: [] })).toBe(`${BOM}bucket,series,count\r\n`);
  });
});

describe('usageCsvFileName', () => {
  it('names the file after the subject and the days of the range', () => {
    const range = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', bucket: 'day' } as const;

    expect(usageCsvFileName('demo-client', range)).toBe('demo-client-usage-2026-03-04-2026-03-11.csv');
  });

  it('adds the UTC time when the range does not start at midnight, and keeps the name file-safe', () => {
    const range = { from: '2026-03-09T15:00:00.000Z', to: '2026-03-10T15:00:00.000Z', bucket: 'hour' } as const;

    expect(usageCsvFileName('Werk 2/Halle', range)).toBe('Werk-2-Halle-usage-2026-03-09T1500Z-2026-03-10T1500Z.csv');
  });
});
