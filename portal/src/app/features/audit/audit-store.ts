import { Injectable, inject, signal } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { AuditPage } from './audit-event';
import { AuditApi, AuditQuery, DEFAULT_AUDIT_QUERY } from './audit-api';

/** One page of audit events and the query that produced it; only the latest answer is kept. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);

  private readonly queryState = signal<AuditQuery>(DEFAULT_AUDIT_QUERY);
  private readonly state = new Loadable<AuditPage>();

  readonly query = this.queryState.asReadonly();
  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  /** Replaces the whole query (filters and paging) and loads it. */
  setQuery(query: AuditQuery): void {
    this.queryState.set(query);
    this.load();
  }

  updateQuery(changes: Partial<AuditQuery>): void {
    this.setQuery({ ...this.queryState(), ...changes });
  }

  load(): void {
    this.state.load(this.api.list(this.queryState()));
  }
}
