import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { ApiError } from '../../core/http/api-error';
import { EDITOR, EDITOR_ID, INSTALLATION_ID } from '../../testing/api-samples';
import { PermissionsStore } from './permissions-store';

const GRANT = {
  user: EDITOR,
  role: 'Edit',
  expiresAt: null,
  expired: false,
  grantedBy: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('PermissionsStore', () => {
  let store: PermissionsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [PermissionsStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(PermissionsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it('loads the permissions of a client by name', () => {
    store.load({ kind: 'client', name: 'demo client' });
    expect(store.loading()).toBe(true);

    backend.expectOne('/api/clients/demo%20client/permissions').flush({ items: [GRANT] });

    expect(store.loading()).toBe(false);
    expect(store.data()).toEqual([GRANT]);
  });

  it('loads the permissions of an installation by id', () => {
    store.load({ kind: 'installation', id: INSTALLATION_ID });

    backend.expectOne(`/api/installations/${INSTALLATION_ID}/permissions`).flush({ items: [] });

    expect(store.data()).toEqual([]);
  });

  it('grants with PUT on the user and reloads the list', async () => {
    store.load({ kind: 'client', name: 'demo-client' });
    backend.expectOne('/api/clients/demo-client/permissions').flush({ items: [] });

    const done = store.grant(EDITOR_ID, { role: 'Support', expiresAt: '2027-01-01T00:00:00.000Z' });
    const put = backend.expectOne(`/api/clients/demo-client/permissions/${EDITOR_ID}`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ role: 'Support', expiresAt: '2027-01-01T00:00:00.000Z' });
    put.flush({ user: EDITOR, role: 'Support', expiresAt: '2027-01-01T00:00:00.000Z' });
    await done;

    backend.expectOne('/api/clients/demo-client/permissions').flush({ items: [{ ...GRANT, role: 'Support' }] });
    expect(store.data()?.[0]?.role).toBe('Support');
  });

  it('rejects a refused grant with the BFF message and keeps the list', async () => {
    store.load({ kind: 'client', name: 'demo-client' });
    backend.expectOne('/api/clients/demo-client/permissions').flush({ items: [GRANT] });

    const done = store.grant(EDITOR_ID, { role: 'Support', expiresAt: null });
    backend
      .expectOne(`/api/clients/demo-client/permissions/${EDITOR_ID}`)
      .flush(
        { Message: 'expiresAt: is required for Support grants: support is temporary', Code: 'ValidationFailed' },
        { status: 400, statusText: 'Bad Request' },
      );

    await expect(done).rejects.toBeInstanceOf(ApiError);
    await expect(done).rejects.toMatchObject({ message: expect.stringContaining('required for Support') });
    expect(store.data()).toEqual([GRANT]);
    backend.verify();
  });

  it('revokes with DELETE and reloads', async () => {
    store.load({ kind: 'installation', id: INSTALLATION_ID });
    backend.expectOne(`/api/installations/${INSTALLATION_ID}/permissions`).flush({ items: [GRANT] });

    const done = store.revoke(EDITOR_ID);
    const request = backend.expectOne(`/api/installations/${INSTALLATION_ID}/permissions/${EDITOR_ID}`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    backend.expectOne(`/api/installations/${INSTALLATION_ID}/permissions`).flush({ items: [] });
    expect(store.data()).toEqual([]);
  });

  it('holds the error of a failed load', () => {
    store.load({ kind: 'client', name: 'demo-client' });
    backend
      .expectOne('/api/clients/demo-client/permissions')
      .flush({ Message: 'You do not have permission to do this.' }, { status: 403, statusText: 'Forbidden' });

    expect(store.error()?.message).toBe('You do not have permission to do this.');
    expect(store.loading()).toBe(false);
  });
});
