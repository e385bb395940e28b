import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { CLIENT_ID, INSTALLATION_ID } from '../../testing/api-samples';
import { AuditStore } from './audit-store';

const EVENT = {
  id: '6f1c2a8e-0000-4000-8000-0000000000e1',
  at: '2026-11-29T06:00:00.000Z',
  actor: 'owner',
  action: 'client.update',
  objectType: 'client',
  objectId: CLIENT_ID,
  objectName: 'demo-client',
  installationId: INSTALLATION_ID,
  before: { name: 'demo-client', identification: false },
  after: { name: 'demo-client', identification: true },
};

describe('AuditStore', () => {
  let store: AuditStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [AuditStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuditStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it('asks for the newest page with only the filters that are set', () => {
    store.setQuery({ objectType: 'client', objectId: CLIENT_ID, offset: 0, limit: 25 });

    const request = backend.expectOne((candidate) => candidate.url === '/api/audit');
    expect(request.request.params.toString()).toBe(`offset=0&limit=25&objectType=client&objectId=${CLIENT_ID}`);
    request.flush({ items: [EVENT], total: 1 });

    expect(store.data()?.items[0]).toEqual(EVENT);
    expect(store.loading()).toBe(false);
  });

  it('keeps the filters when paging', () => {
    store.setQuery({ installationId: INSTALLATION_ID, from: '2026-11-01T00:00:00.000Z', offset: 0, limit: 25 });
    backend.expectOne((candidate) => candidate.url === '/api/audit').flush({ items: [EVENT], total: 60 });

    store.updateQuery({ offset: 50, limit: 25 });

    const request = backend.expectOne((candidate) => candidate.url === '/api/audit');
    expect(request.request.params.get('installationId')).toBe(INSTALLATION_ID);
    expect(request.request.params.get('from')).toBe('2026-11-01T00:00:00.000Z');
    expect(request.request.params.get('offset')).toBe('50');
    request.flush({ items: [], total: 60 });
  });

  it('keeps only the answer to the latest query', () => {
    store.setQuery({ offset: 0, limit: 25 });
    store.setQuery({ objectType: 'installation', offset: 0, limit: 25 });

    const [first, second] = backend.match((candidate) => candidate.url === '/api/audit');
    expect(first?.cancelled).toBe(true);
    second?.flush({ items: [], total: 0 });
    expect(store.data()?.total).toBe(0);
  });

  it('holds the error of a refused query', () => {
    store.setQuery({ from: 'yesterday', offset: 0, limit: 25 });
    backend
      .expectOne((candidate) => candidate.url === '/api/audit')
      .flush({ Message: 'from: must be an ISO 8601 date-time', Code: 'ValidationFailed' }, { status: 400, statusText: 'Bad Request' });

    expect(store.error()?.message).toBe('from: must be an ISO 8601 date-time');
  });
});
