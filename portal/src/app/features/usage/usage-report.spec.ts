import { describe, expect, it } from 'vitest';

import { USAGE_OVERVIEW, USAGE_REPORT } from '../../testing/api-samples';
import { parseUsageOverview, parseUsageReport } from './usage-report';

describe('parseUsageReport', () => {
  it('reads the whole answer', () => {
    expect(parseUsageReport(USAGE_REPORT)).toEqual(USAGE_REPORT);
  });

  it('keeps missing percentiles and success rate as null', () => {
    const report = parseUsageReport({
      ...USAGE_REPORT,
      total: 0,
      successRate: null,
      durationMs: { p50: null, p95: null },
    });

    expect(report.successRate).toBeNull();
    expect(report.durationMs).toEqual({ p50: null, p95: null });
  });

  it('rejects an unknown bucket and a count that is not a number', () => {
    expect(() => parseUsageReport({ ...USAGE_REPORT, bucket: 'week' })).toThrow(/usage\.bucket/);
    expect(() =>
      parseUsageReport({ ...USAGE_REPORT, series: [{ name: 'verify', points: [{ at: 'x', count: '3' }] }] }),
    ).toThrow(/usage\.series\[0\]\.points\[0\]\.count/);
  });
});

describe('parseUsageOverview', () => {
  it('reads installations and top clients', () => {
    expect(parseUsageOverview(USAGE_OVERVIEW)).toEqual(USAGE_OVERVIEW);
  });

  it('keeps the success rate of an installation without calls as null', () => {
    const idle = { ...USAGE_OVERVIEW.installations[0], total: 0, successRate: null, errors: 0 };

    expect(parseUsageOverview({ ...USAGE_OVERVIEW, installations: [idle] }).installations[0]?.successRate).toBeNull();
  });
});
