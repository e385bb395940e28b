import { Injectable, computed, inject, signal } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { LogApi, PageQuery } from './log-api';
import { SamplePage } from './logged-sample';

export const SAMPLES_PAGE_SIZE = 24;

/** One page of a client's logged images; only the latest answer is kept. */
@Injectable()
export class SamplesStore {
  private readonly api = inject(LogApi);

  private readonly request = signal<{ readonly clientName: string; readonly query: PageQuery } | null>(null);
  private readonly state = new Loadable<SamplePage>();

  readonly query = computed(() => this.request()?.query ?? null);
  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  setQuery(clientName: string, query: PageQuery): void {
    if (clientName !== this.request()?.clientName) this.state.set(null);
    this.request.set({ clientName, query });
    this.load();
  }

  updateQuery(changes: Partial<PageQuery>): void {
    const request = this.request();
    if (request) this.setQuery(request.clientName, { ...request.query, ...changes });
  }

  load(): void {
    const request = this.request();
    if (request) this.state.load(this.api.samples(request.clientName, request.query));
  }
}
