import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';

import { SAMPLE_ENTRY } from '../../testing/api-samples';
import { LogApi } from './log-api';
import { SamplesStore } from './samples-store';

const QUERY = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', skip: 0, take: 24 };
const URL_OF_SAMPLES = '/api/clients/demo-client/samples';

describe('SamplesStore', () => {
  let store: SamplesStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [SamplesStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(SamplesStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it("asks for a page of the client's samples in the range and holds them", () => {
    store.setQuery('demo-client', QUERY);

    const request = backend.expectOne((candidate) => candidate.url === URL_OF_SAMPLES);
    expect(request.request.params.toString()).toBe(
      'from=2026-03-04T00:00:00.000Z&to=2026-03-11T00:00:00.000Z&skip=0&take=24',
    );
    request.flush({ total: 1, skip: 0, take: 24, entries: [SAMPLE_ENTRY] });

    expect(store.data()?.entries).toEqual([SAMPLE_ENTRY]);
  });

  it('keeps the range when paging and starts empty for another client', () => {
    store.setQuery('demo-client', QUERY);
    backend.expectOne((candidate) => candidate.url === URL_OF_SAMPLES).flush({ total: 30, skip: 0, take: 24, entries: [SAMPLE_ENTRY] });

    store.updateQuery({ skip: 24 });
    const params = backend.expectOne((candidate) => candidate.url === URL_OF_SAMPLES).request.params;
    expect(params.get('skip')).toBe('24');
    expect(params.get('from')).toBe(QUERY.from);

    store.setQuery('other-client', QUERY);
    expect(store.data()).toBeNull();
  });

  it('fetches an image as bytes, so the bearer token goes with it', async () => {
    const image = firstValueFrom(TestBed.inject(LogApi).sampleImage('demo-client', SAMPLE_ENTRY.id));

    const request = backend.expectOne(`${URL_OF_SAMPLES}/${SAMPLE_ENTRY.id}/image`);
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['jpeg'], { type: 'image/jpeg' }));

    expect((await image).type).toBe('image/jpeg');
  });
});
