import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { INSTALLATION_ID } from '../../testing/api-samples';
import { SYNC_POLL_INTERVAL_MS, SyncStore } from './sync-store';

const INSTALLATION_URL = `/api/installations/${INSTALLATION_ID}/sync`;
const PENDING = {
  state: 'pending',
  pending: 1,
  lastError: null,
  nextAttemptAt: '2026-03-02T10:00:05.000Z',
  oldestChangeAt: '2026-03-02T10:00:00.000Z',
  clients: [],
};

describe('SyncStore', () => {
  let store: SyncStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({ providers: [SyncStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(SyncStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops polling after a failed request and keeps the error', () => {
    store.load({ kind: 'installation', id: INSTALLATION_ID });
    backend.expectOne(INSTALLATION_URL).flush(PENDING);

    vi.advanceTimersByTime(SYNC_POLL_INTERVAL_MS);
    backend.expectOne(INSTALLATION_URL).flush(null, { status: 0, statusText: 'Unknown Error' });
    vi.advanceTimersByTime(SYNC_POLL_INTERVAL_MS * 3);

    backend.expectNone(INSTALLATION_URL);
    expect(store.error()?.unreachable).toBe(true);
    expect(store.data()?.state).toBe('pending');
  });

  it('keeps only the answer of the latest target', () => {
    store.load({ kind: 'client', name: 'old-client' });
    const stale = backend.expectOne('/api/clients/old-client/sync');
    store.load({ kind: 'installation', id: INSTALLATION_ID });

    expect(stale.cancelled).toBe(true);
    backend.expectOne(INSTALLATION_URL).flush({ ...PENDING, state: 'inSync', pending: 0 });
    expect(store.data()?.state).toBe('inSync');
  });

  it('rejects a retry with the BFF message and does not reload', async () => {
    store.load({ kind: 'installation', id: INSTALLATION_ID });
    backend.expectOne(INSTALLATION_URL).flush({ ...PENDING, state: 'failed' });

    const retry = store.retry();
    backend
      .expectOne(`${INSTALLATION_URL}/retry`)
      .flush({ Message: 'Only Owners and Editors retry.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });

    await expect(retry).rejects.toMatchObject({ status: 403, message: 'Only Owners and Editors retry.' });
    backend.expectNone(INSTALLATION_URL);
  });
});
