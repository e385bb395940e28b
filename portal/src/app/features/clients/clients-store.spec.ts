import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { CLIENT_DETAIL } from '../../testing/api-samples';
import { ClientsStore } from './clients-store';

const PAGE = {
  items: [
    {
      id: '6f1c2a8e-0000-4000-8000-000000000001',
      name: 'demo-client',
      installation: { id: '6f1c2a8e-0000-4000-8000-0000000000aa', name: 'demo' },
      storage: 'bws',
      partition: 1,
      expiresAt: '2027-11-29T00:00:00.000Z',
      expired: false,
      identification: false,
      role: 'Owner',
    },
  ],
  total: 1,
};

describe('ClientsStore', () => {
  let store: ClientsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [ClientsStore, provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(ClientsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it('is loading until the page arrives, then holds the parsed page', () => {
    store.load();
    expect(store.loading()).toBe(true);
    expect(store.data()).toBeNull();

    backend.expectOne((request) => request.url === '/api/clients').flush(PAGE);

    expect(store.loading()).toBe(false);
    expect(store.error()).toBeNull();
    expect(store.data()?.total).toBe(1);
    expect(store.data()?.items[0]).toMatchObject({ name: 'demo-client', installation: { name: 'demo' }, role: 'Owner' });
  });

  it('sends the query as q, sort, dir, offset and limit', () => {
    store.updateQuery({ q: 'demo', sort: 'expiresAt', dir: 'desc', offset: 50, limit: 50 });

    const request = backend.expectOne((candidate) => candidate.url === '/api/clients');
    expect(request.request.params.toString()).toBe('sort=expiresAt&dir=desc&offset=50&limit=50&q=demo');
    request.flush(PAGE);
  });

  it('leaves out q when there is no filter text', () => {
    store.load();

    const request = backend.expectOne((candidate) => candidate.url === '/api/clients');
    expect(request.request.params.has('q')).toBe(false);
    request.flush(PAGE);
  });

  it('ends in the error state with the API Message when the request fails', () => {
    store.load();
    backend
      .expectOne((request) => request.url === '/api/clients')
      .flush({ Message: 'limit must be at most 500' }, { status: 400, statusText: 'Bad Request' });

    expect(store.loading()).toBe(false);
    expect(store.error()?.message).toBe('limit must be at most 500');
  });

  it('ends in the error state when the answer has an unexpected shape', () => {
    store.load();
    backend.expectOne((request) => request.url === '/api/clients').flush({ items: 'nope', total: 1 });

    expect(store.error()?.code).toBe('UnexpectedResponse');
    expect(store.data()).toBeNull();
  });

  it('clears the error and loads again on retry', () => {
    store.load();
    backend.expectOne((request) => request.url === '/api/clients').error(new ProgressEvent('error'));
    expect(store.error()).not.toBeNull();

    store.load();
    expect(store.error()).toBeNull();
    expect(store.loading()).toBe(true);
    backend.expectOne((request) => request.url === '/api/clients').flush(PAGE);

    expect(store.data()?.items).toHaveLength(1);
  });

  it('keeps only the answer to the latest query', () => {
    store.updateQuery({ q: 'dem' });
    store.updateQuery({ q: 'demo' });

    const [first, second] = backend.match((request) => request.url === '/api/clients');
    expect(first?.cancelled).toBe(true);
    second?.flush(PAGE);

    expect(store.query().q).toBe('demo');
    expect(store.data()?.total).toBe(1);
  });

  it('asks for the clients of one installation when the query names it', () => {
    store.updateQuery({ installationId: '6f1c2a8e-0000-4000-8000-0000000000aa' });

    const request = backend.expectOne((candidate) => candidate.url === '/api/clients');
    expect(request.request.params.get('installationId')).toBe('6f1c2a8e-0000-4000-8000-0000000000aa');
    request.flush(PAGE);
  });

  it('creates a client, returns it and reloads the list', async () => {
    const body = {
      name: 'new-client',
      installationId: '6f1c2a8e-0000-4000-8000-0000000000aa',
      storage: 'bws',
      partition: 'next' as const,
      expiresAt: '2027-11-29T00:00:00.000Z',
      identification: false,
      logging: { logImages: false, level: 'info' as const, retentionDays: 30 },
    };
    const done = store.create(body);
    const post = backend.expectOne('/api/clients');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual(body);
    post.flush({ ...CLIENT_DETAIL, name: 'new-client', partition: 3 }, { status: 201, statusText: 'Created' });

    expect((await done).partition).toBe(3);
    backend.expectOne((candidate) => candidate.url === '/api/clients').flush(PAGE);
  });

  it('rejects a used partition with the BFF message', async () => {
    const done = store.create({
      name: 'new-client',
      installationId: '6f1c2a8e-0000-4000-8000-0000000000aa',
      storage: 'bws',
      partition: 1,
      expiresAt: '2027-11-29T00:00:00.000Z',
      identification: false,
      logging: { logImages: false, level: 'info', retentionDays: 30 },
    });
    backend
      .expectOne('/api/clients')
      .flush(
        { Message: "Partition 1 of storage 'bws' is already used by client 'demo-client'.", Code: 'Conflict' },
        { status: 409, statusText: 'Conflict' },
      );

    await expect(done).rejects.toMatchObject({ status: 409, message: expect.stringContaining('already used') });
  });
});
