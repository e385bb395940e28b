import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { TimeRange } from './usage-range';
import { UsageOverview, UsageReport, parseUsageOverview, parseUsageReport } from './usage-report';
import { UsageTarget, targetPath } from './usage-target';

/** Dashboard figures, read from the BFF's hourly and daily rollups. */
@Injectable({ providedIn: 'root' })
export class UsageApi {
  private readonly http = inject(HttpClient);

  /** A client's calls per operation, or an installation's per instance (readClientUsage / readInstanceUsage). */
  report(target: UsageTarget, range: TimeRange): Observable<UsageReport> {
    return this.http
      .get<unknown>(`${targetPath(target)}/usage`, { params: rangeParams(range) })
      .pipe(map(parseUsageReport));
  }

  /** Every installation's calls (platform administrators only; 403 for others). */
  overview(range: TimeRange): Observable<UsageOverview> {
    return this.http.get<unknown>('/api/usage/overview', { params: rangeParams(range) }).pipe(map(parseUsageOverview));
  }
}

function rangeParams(range: TimeRange): HttpParams {
  return new HttpParams().set('from', range.from).set('to', range.to).set('bucket', range.bucket);
}
