import { Injectable, computed, inject, signal } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { BwsLogPage } from './bws-log-entry';
import { BwsLogQuery, LogApi } from './log-api';
import { UsageTarget, sameTarget } from './usage-target';

export const BWS_LOG_PAGE_SIZE = 50;

/** One page of a client's or installation's log and the query that produced it; only the latest answer is kept. */
@Injectable()
export class BwsLogStore {
  private readonly api = inject(LogApi);

  private readonly request = signal<{ readonly target: UsageTarget; readonly query: BwsLogQuery } | null>(null);
  private readonly state = new Loadable<BwsLogPage>();

  readonly query = computed(() => this.request()?.query ?? null);
  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  /** Replaces the whole query (range, filters and paging) and loads it. */
  setQuery(target: UsageTarget, query: BwsLogQuery): void {
    if (!sameTarget(target, this.request()?.target ?? null)) this.state.set(null);
    this.request.set({ target, query });
    this.load();
  }

  updateQuery(changes: Partial<BwsLogQuery>): void {
    const request = this.request();
    if (request) this.setQuery(request.target, { ...request.query, ...changes });
  }

  load(): void {
    const request = this.request();
    if (request) this.state.load(this.api.bwsLog(request.target, request.query));
  }
}
