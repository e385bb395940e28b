import { fileNameSafe, toCsv } from '../../shared/data/csv';
import { TimeRange } from './usage-range';
import { FilledTimeline } from './usage-series';

/**
 * A chart's data as CSV (see shared/data/csv), exactly as the chart shows it: header
 * `bucket,series,count`, one row per bucket and series, zero counts included, ISO times,
 * oldest bucket first and the series in the chart's order.
 */
const HEADER = ['bucket', 'series', 'count'] as const;

export function usageCsv(filled: FilledTimeline): string {
  const rows = filled.buckets.flatMap((at, index) =>
    filled.series.map((series) => [at, series.name, String(series.counts[index] ?? 0)]),
  );
  return toCsv([HEADER, ...rows]);
}

/**
 * `<subject>-usage-<from>-<to>.csv`: the range's ends as sent, `to` excluded; days when
 * they fall on midnight UTC, otherwise with the UTC time (`2026-03-09T1500Z`).
 */
export function usageCsvFileName(subject: string, range: TimeRange): string {
  return `${fileNameSafe(subject)}-usage-${fileStamp(range.from)}-${fileStamp(range.to)}.csv`;
}

function fileStamp(iso: string): string {
  const at = new Date(iso).toISOString();
  const day = at.slice(0, 10);
  return at.slice(11) === '00:00:00.000Z' ? day : `${day}T${at.slice(11, 16).replace(':', '')}Z`;
}
