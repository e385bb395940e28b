import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { INSTALLATION_ID } from '../../../testing/api-samples';
import { SYNC_POLL_INTERVAL_MS } from '../sync-store';
import { SyncStatus } from './sync-status';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const CLIENT_URL = '/api/clients/demo-client/sync';
const INSTALLATION_URL = `/api/installations/${INSTALLATION_ID}/sync`;

const IN_SYNC = {
  state: 'inSync',
  pending: 0,
  lastError: null,
  nextAttemptAt: null,
  oldestChangeAt: null,
  lastDeliveredAt: '2026-03-02T09:00:00.000Z',
  lastDeliveredVersion: 7,
};
const PENDING = {
  ...IN_SYNC,
  state: 'pending',
  pending: 2,
  lastError: 'connect ECONNREFUSED 10.0.0.5:27017',
  nextAttemptAt: new Date(NOW + 42_000).toISOString(),
  oldestChangeAt: '2026-03-02T09:58:00.000Z',
};
const FAILED = { ...PENDING, state: 'failed', lastError: 'Authentication failed.' };
const NOT_CONNECTED = {
  state: 'notConnected',
  pending: 0,
  lastError: null,
  nextAttemptAt: null,
  oldestChangeAt: null,
  lastDeliveredAt: null,
  lastDeliveredVersion: null,
};

describe('SyncStatus', () => {
  let fixture: ComponentFixture<SyncStatus>;
  let backend: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    TestBed.configureTestingModule({
      imports: [SyncStatus],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function render(inputs: { client?: string; installationId?: string; canRetry?: boolean }): HTMLElement {
    fixture = TestBed.createComponent(SyncStatus);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  function answer(url: string, body: object): void {
    backend.expectOne(url).flush(body);
    fixture.detectChanges();
  }

  function page(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function status(): string {
    return page().querySelector('[role="status"]')?.textContent?.trim() ?? '';
  }

  function chipIcon(): string | null {
    return page().querySelector('mat-chip mat-icon')?.getAttribute('data-mat-icon-name') ?? null;
  }

  function retryButton(): HTMLButtonElement | null {
    return (
      Array.from(page().querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Retry now') ?? null
    );
  }

  it('shows "In sync" with a check icon and the last delivered version', () => {
    render({ client: 'demo-client', canRetry: true });
    answer(CLIENT_URL, IN_SYNC);

    expect(status()).toBe('In sync');
    expect(chipIcon()).toBe('check');
    expect(page().textContent).toContain('version 7');
    expect(retryButton()).toBeNull();
  });

  it('shows "Pending (N)" with the last error and a countdown to the next try', () => {
    render({ client: 'demo-client' });
    answer(CLIENT_URL, PENDING);

    expect(status()).toBe('Pending (2)');
    expect(page().textContent).toContain('Last error: connect ECONNREFUSED 10.0.0.5:27017');
    expect(page().querySelector('.next-try')?.textContent).toBe('Next try in 42 seconds');

    vi.advanceTimersByTime(2000);
    fixture.detectChanges();
    expect(page().querySelector('.next-try')?.textContent).toBe('Next try in 40 seconds');
  });

  it('shows "Failed" with error styling and the last error', () => {
    render({ client: 'demo-client' });
    answer(CLIENT_URL, FAILED);

    expect(status()).toBe('Failed');
    expect(chipIcon()).toBe('sync-problem');
    expect(page().querySelector('mat-chip')?.classList).toContain('state-failed');
    expect(page().querySelector('.last-error')?.textContent).toContain('Authentication failed.');
  });

  it('shows "Not connected" when the installation has no connection string', () => {
    render({ client: 'demo-client', canRetry: true });
    answer(CLIENT_URL, NOT_CONNECTED);

    expect(status()).toBe('Not connected');
    expect(page().textContent).toContain('no connection string');
    expect(retryButton()).toBeNull();
  });

  it('counts the changes that wait while the installation is not connected', () => {
    render({ client: 'demo-client', canRetry: true });
    answer(CLIENT_URL, { ...NOT_CONNECTED, pending: 1, oldestChangeAt: '2026-03-02T09:58:00.000Z' });

    expect(status()).toBe('Not connected · 1 waiting');
    expect(page().textContent).toContain('1 change waits');
    expect(page().textContent).toContain('pushed once one is set');
    expect(retryButton()).toBeNull();
  });

  it('offers "Retry now" only to users who may retry', () => {
    render({ client: 'demo-client', canRetry: false });
    answer(CLIENT_URL, FAILED);

    expect(retryButton()).toBeNull();
  });

  it('posts the retry and asks for the status again', async () => {
    render({ client: 'demo-client', canRetry: true });
    answer(CLIENT_URL, FAILED);

    retryButton()?.click();
    const retry = backend.expectOne(`${CLIENT_URL}/retry`);
    expect(retry.request.method).toBe('POST');
    retry.flush({ retrying: 2 });
    await vi.advanceTimersByTimeAsync(0);
    answer(CLIENT_URL, IN_SYNC);

    expect(status()).toBe('In sync');
  });

  it('shows why a retry was refused', async () => {
    render({ client: 'demo-client', canRetry: true });
    answer(CLIENT_URL, FAILED);

    retryButton()?.click();
    backend
      .expectOne(`${CLIENT_URL}/retry`)
      .flush({ Message: 'You may not update this client.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await vi.advanceTimersByTimeAsync(0);
    fixture.detectChanges();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain('You may not update this client.');
  });

  it('asks again every 5 s while pending and stops once in sync', () => {
    render({ client: 'demo-client' });
    answer(CLIENT_URL, PENDING);

    vi.advanceTimersByTime(SYNC_POLL_INTERVAL_MS);
    answer(CLIENT_URL, PENDING);
    vi.advanceTimersByTime(SYNC_POLL_INTERVAL_MS);
    answer(CLIENT_URL, IN_SYNC);

    vi.advanceTimersByTime(SYNC_POLL_INTERVAL_MS * 4);
    backend.expectNone(CLIENT_URL);
    expect(status()).toBe('In sync');
  });

  it('stops polling when destroyed', () => {
    render({ client: 'demo-client' });
    answer(CLIENT_URL, PENDING);

    expect(vi.getTimerCount()).toBeGreaterThan(0);
    fixture.destroy();

    // Neither the next poll nor the countdown is left behind.
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(SYNC_POLL_INTERVAL_MS * 4);
    backend.expectNone(CLIENT_URL);
  });

  it('lists the clients of an installation that have waiting changes, and retries the installation', () => {
    render({ installationId: INSTALLATION_ID, canRetry: true });
    answer(INSTALLATION_URL, {
      state: 'pending',
      pending: 3,
      lastError: 'timeout',
      nextAttemptAt: PENDING.nextAttemptAt,
      oldestChangeAt: PENDING.oldestChangeAt,
      clients: [
        { name: 'demo-client', state: 'pending', pending: 2, lastError: 'timeout', nextAttemptAt: null, oldestChangeAt: null },
        { name: 'second-client', state: 'failed', pending: 1, lastError: null, nextAttemptAt: null, oldestChangeAt: null },
      ],
    });

    expect(status()).toBe('Pending (3)');
    const rows = Array.from(page().querySelectorAll('tbody tr'), (row) =>
      Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['demo-client', 'Pending', '2', 'timeout'],
      ['second-client', 'Failed', '1', '—'],
    ]);

    retryButton()?.click();
    expect(backend.expectOne(`${INSTALLATION_URL}/retry`).request.method).toBe('POST');
  });

  it('shows the load error with a way to reload', () => {
    render({ client: 'demo-client' });
    backend.expectOne(CLIENT_URL).flush({ Message: 'There is no client named demo-client.' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain('There is no client named demo-client.');
    Array.from(page().querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Reload')?.click();
    answer(CLIENT_URL, IN_SYNC);
    expect(status()).toBe('In sync');
  });
});
