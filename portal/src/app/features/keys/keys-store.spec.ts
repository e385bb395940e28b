import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { KEY_VIEW } from '../../testing/api-samples';
import { KeysStore } from './keys-store';

const KEYS_URL = '/api/clients/demo-client/keys';

describe('KeysStore', () => {
  let store: KeysStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [KeysStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(KeysStore);
    backend = TestBed.inject(HttpTestingController);
    store.load('demo-client');
    backend.expectOne(KEYS_URL).flush({ items: [KEY_VIEW] });
  });

  it('holds the parsed keys of the client', () => {
    expect(store.data()).toEqual([KEY_VIEW]);
    expect(store.loading()).toBe(false);
  });

  it('returns the secret of a created key to the caller but keeps it out of its state', async () => {
    const done = store.create('web shop');
    const post = backend.expectOne(KEYS_URL);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ label: 'web shop' });
    post.flush({ ...KEY_VIEW, appId: 'app-5678', appSecret: 'very-secret-value' }, { status: 201, statusText: 'Created' });

    const issued = await done;
    expect(issued).toEqual({ key: { ...KEY_VIEW, appId: 'app-5678' }, appSecret: 'very-secret-value' });

    backend.expectOne(KEYS_URL).flush({ items: [{ ...KEY_VIEW, appId: 'app-5678' }, KEY_VIEW] });
    expect(JSON.stringify(store.data())).not.toContain('very-secret-value');
  });

  it('rotates with the overlap in hours', async () => {
    const done = store.rotate('app-1234', 48);
    const post = backend.expectOne(`${KEYS_URL}/app-1234/rotate`);
    expect(post.request.body).toEqual({ overlapHours: 48 });
    post.flush({ ...KEY_VIEW, appId: 'app-9999', appSecret: 'rotated-secret' }, { status: 201, statusText: 'Created' });

    expect((await done).key.appId).toBe('app-9999');
    backend.expectOne(KEYS_URL).flush({ items: [] });
  });

  it('revokes with DELETE and reloads', async () => {
    const done = store.revoke('app-1234');
    const request = backend.expectOne(`${KEYS_URL}/app-1234`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    backend.expectOne(KEYS_URL).flush({ items: [{ ...KEY_VIEW, status: 'revoked' }] });
    expect(store.data()?.[0]?.status).toBe('revoked');
  });

  it('holds the error when listing is refused', () => {
    store.load();
    backend
      .expectOne(KEYS_URL)
      .flush({ Message: 'You do not have permission to do this.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });

    expect(store.error()?.status).toBe(403);
  });
});
