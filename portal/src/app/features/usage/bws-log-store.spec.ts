import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { BWS_LOG_ENTRY, INSTALLATION_ID } from '../../testing/api-samples';
import { BwsLogStore } from './bws-log-store';
import { BwsLogQuery, NO_BWS_LOG_FILTER } from './log-api';

const QUERY: BwsLogQuery = {
  from: '2026-03-04T00:00:00.000Z',
  to: '2026-03-11T00:00:00.000Z',
  ...NO_BWS_LOG_FILTER,
  skip: 0,
  take: 50,
};
const CLIENT_URL = '/api/clients/demo-client/bwslog';
const INSTALLATION_URL = `/api/installations/${INSTALLATION_ID}/bwslog`;
const PAGE = { from: QUERY.from, to: QUERY.to, total: 1, skip: 0, take: 50, entries: [BWS_LOG_ENTRY] };

describe('BwsLogStore', () => {
  let store: BwsLogStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [BwsLogStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(BwsLogStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it("asks for a client's log with the range and paging, and holds the parsed entries", () => {
    store.setQuery({ kind: 'client', name: 'demo-client' }, QUERY);

    const request = backend.expectOne((candidate) => candidate.url === CLIENT_URL);
    expect(request.request.params.toString()).toBe(
      'from=2026-03-04T00:00:00.000Z&to=2026-03-11T00:00:00.000Z&skip=0&take=50',
    );
    request.flush(PAGE);

    expect(store.data()?.entries[0]).toEqual(BWS_LOG_ENTRY);
    expect(store.data()?.total).toBe(1);
  });

  it('sends only the filters that are set, trimmed, and no client filter for a client', () => {
    store.setQuery(
      { kind: 'client', name: 'demo-client' },
      { ...QUERY, operation: ' verify ', result: 'failure', errorCode: '', instance: 'bws-1', client: 'other' },
    );

    const params = backend.expectOne((candidate) => candidate.url === CLIENT_URL).request.params;
    expect(params.get('operation')).toBe('verify');
    expect(params.get('result')).toBe('failure');
    expect(params.get('instance')).toBe('bws-1');
    expect(params.has('errorCode')).toBe(false);
    expect(params.has('client')).toBe(false);
  });

  it("filters an installation's log by client", () => {
    store.setQuery({ kind: 'installation', id: INSTALLATION_ID }, { ...QUERY, client: 'demo-client' });

    expect(backend.expectOne((candidate) => candidate.url === INSTALLATION_URL).request.params.get('client')).toBe(
      'demo-client',
    );
  });

  it('keeps the range and filters when paging', () => {
    store.setQuery({ kind: 'client', name: 'demo-client' }, { ...QUERY, operation: 'verify' });
    backend.expectOne((candidate) => candidate.url === CLIENT_URL).flush({ ...PAGE, total: 120 });

    store.updateQuery({ skip: 50 });

    const params = backend.expectOne((candidate) => candidate.url === CLIENT_URL).request.params;
    expect(params.get('skip')).toBe('50');
    expect(params.get('take')).toBe('50');
    expect(params.get('operation')).toBe('verify');
    expect(params.get('from')).toBe(QUERY.from);
    expect(store.query()?.skip).toBe(50);
  });

  it('keeps only the answer to the latest query', () => {
    store.setQuery({ kind: 'client', name: 'demo-client' }, QUERY);
    store.setQuery({ kind: 'client', name: 'demo-client' }, { ...QUERY, result: 'error' });

    const [first, second] = backend.match((candidate) => candidate.url === CLIENT_URL);
    expect(first?.cancelled).toBe(true);
    second?.flush({ ...PAGE, total: 0, entries: [] });
    expect(store.data()?.total).toBe(0);
  });

  it('rejects an entry with an unknown result', () => {
    store.setQuery({ kind: 'client', name: 'demo-client' }, QUERY);
    backend
      .expectOne((candidate) => candidate.url === CLIENT_URL)
      .flush({ ...PAGE, entries: [{ ...BWS_LOG_ENTRY, result: 'maybe' }] });

    expect(store.data()).toBeNull();
    expect(store.error()?.code).toBe('UnexpectedResponse');
  });
});
