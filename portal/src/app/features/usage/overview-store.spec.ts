import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { USAGE_OVERVIEW } from '../../testing/api-samples';
import { OverviewStore } from './overview-store';

const RANGE = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', bucket: 'day' } as const;

describe('OverviewStore', () => {
  let store: OverviewStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [OverviewStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(OverviewStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it('asks for all installations in the range and holds their totals and top clients', () => {
    store.load(RANGE);

    const request = backend.expectOne((candidate) => candidate.url === '/api/usage/overview');
    expect(request.request.params.toString()).toBe('from=2026-03-04T00:00:00.000Z&to=2026-03-11T00:00:00.000Z&bucket=day');
    request.flush(USAGE_OVERVIEW);

    expect(store.data()?.installations[0]).toEqual({
      id: USAGE_OVERVIEW.installations[0]?.id,
      name: 'demo',
      total: 1234,
      successRate: 0.975,
      errors: 31,
    });
    expect(store.data()?.topClients).toEqual([{ name: 'demo-client', installation: 'demo', total: 1234 }]);
  });

  it('holds the message of a refusal for users who are not platform administrators', () => {
    store.load(RANGE);
    backend
      .expectOne((candidate) => candidate.url === '/api/usage/overview')
      .flush({ Message: 'Only platform administrators see the overview.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });

    expect(store.error()?.message).toBe('Only platform administrators see the overview.');
  });

  it('retries the last range when loaded without one', () => {
    store.load(RANGE);
    backend.expectOne((candidate) => candidate.url === '/api/usage/overview').flush(USAGE_OVERVIEW);

    store.load();

    expect(backend.expectOne((candidate) => candidate.url === '/api/usage/overview').request.params.get('to')).toBe(RANGE.to);
  });
});
