import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { INSTALLATION_ID, USAGE_REPORT } from '../../testing/api-samples';
import { TimeRange } from './usage-range';
import { UsageStore } from './usage-store';

const WEEK: TimeRange = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', bucket: 'day' };
const DAY: TimeRange = { from: '2026-03-10T15:00:00.000Z', to: '2026-03-11T15:00:00.000Z', bucket: 'hour' };
const CLIENT_URL = '/api/clients/demo%20client/usage';
const INSTALLATION_URL = `/api/installations/${INSTALLATION_ID}/usage`;

describe('UsageStore', () => {
  let store: UsageStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [UsageStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(UsageStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it("asks for a client's usage with from, to and the bucket, and holds the parsed answer", () => {
    store.load({ kind: 'client', name: 'demo client' }, WEEK);

    const request = backend.expectOne((candidate) => candidate.url === CLIENT_URL);
    expect(request.request.method).toBe('GET');
    expect(request.request.params.toString()).toBe(
      'from=2026-03-04T00:00:00.000Z&to=2026-03-11T00:00:00.000Z&bucket=day',
    );
    request.flush(USAGE_REPORT);

    expect(store.data()?.total).toBe(1234);
    expect(store.data()?.durationMs).toEqual({ p50: 120, p95: 480 });
    expect(store.loading()).toBe(false);
  });

  it("asks for an installation's usage per instance at its own URL", () => {
    store.load({ kind: 'installation', id: INSTALLATION_ID }, DAY);

    const request = backend.expectOne((candidate) => candidate.url === INSTALLATION_URL);
    expect(request.request.params.get('bucket')).toBe('hour');
    request.flush({ ...USAGE_REPORT, series: [{ name: 'bws-1', points: [] }] });

    expect(store.data()?.series.map((series) => series.name)).toEqual(['bws-1']);
  });

  it('keeps the figures of the previous range while another range loads, and drops them for another target', () => {
    store.load({ kind: 'client', name: 'demo client' }, WEEK);
    backend.expectOne((candidate) => candidate.url === CLIENT_URL).flush(USAGE_REPORT);

    store.load({ kind: 'client', name: 'demo client' }, DAY);
    expect(store.data()?.total).toBe(1234);
    expect(store.loading()).toBe(true);

    store.load({ kind: 'installation', id: INSTALLATION_ID }, DAY);
    expect(store.data()).toBeNull();
  });

  it('asks again for the same target and range on reload', () => {
    store.load({ kind: 'client', name: 'demo client' }, WEEK);
    backend
      .expectOne((candidate) => candidate.url === CLIENT_URL)
      .flush({ Message: 'Usage is not available.', Code: 'Unavailable' }, { status: 503, statusText: 'Unavailable' });
    expect(store.error()?.unreachable).toBe(true);

    store.reload();

    const again = backend.expectOne((candidate) => candidate.url === CLIENT_URL);
    expect(again.request.params.get('from')).toBe(WEEK.from);
    again.flush(USAGE_REPORT);
    expect(store.error()).toBeNull();
  });

  it('turns an answer of the wrong shape into an error instead of data', () => {
    store.load({ kind: 'client', name: 'demo client' }, WEEK);
    backend.expectOne((candidate) => candidate.url === CLIENT_URL).flush({ ...USAGE_REPORT, total: 'many' });

    expect(store.data()).toBeNull();
    expect(store.error()?.code).toBe('UnexpectedResponse');
  });
});
