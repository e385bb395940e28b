import {
  JsonObject,
  asObject,
  readArray,
  readNullableNumber,
  readNumber,
  readOneOf,
  readString,
} from '../../core/http/json-parse';
import { TimeRange } from './usage-range';

/** Calls in one bucket; the BFF sends only buckets that had calls. */
export interface UsagePoint {
  readonly at: string;
  readonly count: number;
}

/** Calls over time of one operation, instance or installation. */
export interface UsageSeries {
  readonly name: string;
  readonly points: readonly UsagePoint[];
}

/** What every usage answer has: the range it covers, its totals and its series. */
export interface UsageTimeline extends TimeRange {
  readonly total: number;
  /** Share of successful calls, 0..1; null without calls. */
  readonly successRate: number | null;
  readonly series: readonly UsageSeries[];
}

/** `GET /api/clients/:name/usage` (series per operation) and `GET /api/installations/:id/usage` (per instance). */
export interface UsageReport extends UsageTimeline {
  readonly topErrors: readonly { readonly code: string; readonly count: number }[];
  readonly durationMs: { readonly p50: number | null; readonly p95: number | null };
}

/** `GET /api/usage/overview` (platform administrators): series per installation. */
export interface UsageOverview extends UsageTimeline {
  readonly installations: readonly InstallationUsage[];
  readonly topClients: readonly ClientUsage[];
}

export interface InstallationUsage {
  readonly id: string;
  readonly name: string;
  readonly total: number;
  readonly successRate: number | null;
  readonly errors: number;
}

export interface ClientUsage {
  readonly name: string;
  readonly installation: string;
  readonly total: number;
}

export function parseUsageReport(body: unknown): UsageReport {
  const what = 'usage';
  const report = asObject(body, what);
  const duration = asObject(report['durationMs'], `${what}.durationMs`);
  return {
    ...readTimeline(report, what),
    topErrors: readArray(report, 'topErrors', what, (value, itemWhat) => {
      const error = asObject(value, itemWhat);
      return { code: readString(error, 'code', itemWhat), count: readNumber(error, 'count', itemWhat) };
    }),
    durationMs: {
      p50: readNullableNumber(duration, 'p50', `${what}.durationMs`),
      p95: readNullableNumber(duration, 'p95', `${what}.durationMs`),
    },
  };
}

export function parseUsageOverview(body: unknown): UsageOverview {
  const what = 'usage-overview';
  const overview = asObject(body, what);
  return {
    ...readTimeline(overview, what),
    installations: readArray(overview, 'installations', what, (value, itemWhat) => {
      const installation = asObject(value, itemWhat);
      return {
        id: readString(installation, 'id', itemWhat),
        name: readString(installation, 'name', itemWhat),
        total: readNumber(installation, 'total', itemWhat),
        successRate: readNullableNumber(installation, 'successRate', itemWhat),
        errors: readNumber(installation, 'errors', itemWhat),
      };
    }),
    topClients: readArray(overview, 'topClients', what, (value, itemWhat) => {
      const client = asObject(value, itemWhat);
      return {
        name: readString(client, 'name', itemWhat),
        installation: readString(client, 'installation', itemWhat),
        total: readNumber(client, 'total', itemWhat),
      };
    }),
  };
}

function readTimeline(source: JsonObject, what: string): UsageTimeline {
  return {
    from: readString(source, 'from', what),
    to: readString(source, 'to', what),
    bucket: readOneOf(source, 'bucket', what, ['hour', 'day']),
    total: readNumber(source, 'total', what),
    successRate: readNullableNumber(source, 'successRate', what),
    series: readArray(source, 'series', what, parseSeries),
  };
}

function parseSeries(value: unknown, what: string): UsageSeries {
  const series = asObject(value, what);
  return {
    name: readString(series, 'name', what),
    points: readArray(series, 'points', what, (point, pointWhat) => {
      const entry = asObject(point, pointWhat);
      return { at: readString(entry, 'at', pointWhat), count: readNumber(entry, 'count', pointWhat) };
    }),
  };
}
