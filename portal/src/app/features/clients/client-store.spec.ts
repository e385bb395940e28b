import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { CLIENT_DETAIL, EDITOR_ID } from '../../testing/api-samples';
import { ClientStore } from './client-store';

const URL = '/api/clients/demo-client';

describe('ClientStore', () => {
  let store: ClientStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ClientStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ClientStore);
    backend = TestBed.inject(HttpTestingController);
    store.load('demo-client');
  });

  it('parses the client detail', () => {
    backend.expectOne(URL).flush(CLIENT_DETAIL);

    const client = store.data();
    expect(client?.installation.name).toBe('demo');
    expect(client?.logging).toEqual({ logImages: false, level: 'info', retentionDays: 30 });
    expect(client?.allowed.has('manageKeys')).toBe(true);
    expect(client?.canDelete).toBe(true);
  });

  it('sends only the changed settings and shows the answer', async () => {
    backend.expectOne(URL).flush(CLIENT_DETAIL);

    const done = store.update({ logging: { level: 'debug' } });
    const patch = backend.expectOne(URL);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ logging: { level: 'debug' } });
    patch.flush({ ...CLIENT_DETAIL, logging: { ...CLIENT_DETAIL.logging, level: 'debug' }, version: 4 });
    await done;

    expect(store.data()?.logging.level).toBe('debug');
    expect(store.data()?.version).toBe(4);
  });

  it('changes ownership through /owners', async () => {
    backend.expectOne(URL).flush(CLIENT_DETAIL);

    const done = store.changeOwnership(EDITOR_ID, 'transfer');
    const post = backend.expectOne(`${URL}/owners`);
    expect(post.request.body).toEqual({ userId: EDITOR_ID, mode: 'transfer' });
    post.flush({ name: 'demo-client', owner: { id: EDITOR_ID, username: 'editor' }, mode: 'transfer' });
    await done;
  });

  it('deletes the client', async () => {
    backend.expectOne(URL).flush(CLIENT_DETAIL);

    const done = store.remove();
    const request = backend.expectOne(URL);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;
  });

  it('shows "not found" for a client that does not exist', () => {
    backend
      .expectOne(URL)
      .flush({ Message: "There is no client named 'demo-client'.", Code: 'NotFound' }, { status: 404, statusText: 'Not Found' });

    expect(store.error()?.message).toBe("There is no client named 'demo-client'.");
    expect(store.data()).toBeNull();
  });
});
