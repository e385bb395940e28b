import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { AuditPage } from './audit-event';
import { AuditApi, AuditQuery, DEFAULT_AUDIT_QUERY } from './audit-api';

/** One page of audit events and the query that produced it; only the latest answer is kept. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);

  private readonly queryState = signal<AuditQuery>(DEFAULT_AUDIT_QUERY);
  private readonly dataState = signal<AuditPage | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private pending: Subscription | undefined;

  readonly query = this.queryState.asReadonly();
  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  /** Replaces the whole query (filters and paging) and loads it. */
  setQuery(query: AuditQuery): void {
    this.queryState.set(query);
    this.load();
  }

  updateQuery(changes: Partial<AuditQuery>): void {
    this.setQuery({ ...this.queryState(), ...changes });
  }

  load(): void {
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.list(this.queryState()).subscribe({
      next: (page) => {
        this.dataState.set(page);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }
}
