import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { AuditPage, parseAuditPage } from './audit-event';

/** Which events to show; empty fields do not filter. */
export interface AuditFilter {
  readonly objectType?: 'installation' | 'client';
  readonly objectId?: string;
  readonly installationId?: string;
  /** ISO date-time, inclusive. */
  readonly from?: string;
  /** ISO date-time, exclusive. */
  readonly to?: string;
}

export interface AuditQuery extends AuditFilter {
  readonly offset: number;
  readonly limit: number;
}

export const DEFAULT_AUDIT_QUERY: AuditQuery = { offset: 0, limit: 25 };

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** Newest first. Users who own nothing get an empty page, not an error. */
  list(query: AuditQuery): Observable<AuditPage> {
    let params = new HttpParams().set('offset', query.offset).set('limit', query.limit);
    for (const key of ['objectType', 'objectId', 'installationId', 'from', 'to'] as const) {
      const value = query[key];
      if (value) params = params.set(key, value);
    }
    return this.http.get<unknown>('/api/audit', { params }).pipe(map(parseAuditPage));
  }
}
