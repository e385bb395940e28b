import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { DIAGNOSTIC_ENTRY, INSTALLATION_ID } from '../../testing/api-samples';
import { DiagnosticsStore } from './diagnostics-store';

const DIAGNOSTICS_URL = `/api/installations/${INSTALLATION_ID}/diagnostics`;

describe('DiagnosticsStore', () => {
  let store: DiagnosticsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [DiagnosticsStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(DiagnosticsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it("asks for the installation's diagnostics and holds the entries", () => {
    store.load(INSTALLATION_ID);

    backend.expectOne(DIAGNOSTICS_URL).flush({ entries: [DIAGNOSTIC_ENTRY, { ...DIAGNOSTIC_ENTRY, client: null, level: 'warning' }] });

    expect(store.data()).toEqual([DIAGNOSTIC_ENTRY, { ...DIAGNOSTIC_ENTRY, client: null, level: 'warning' }]);
  });

  it('rejects an unknown level', () => {
    store.load(INSTALLATION_ID);

    backend.expectOne(DIAGNOSTICS_URL).flush({ entries: [{ ...DIAGNOSTIC_ENTRY, level: 'info' }] });

    expect(store.error()?.code).toBe('UnexpectedResponse');
  });

  it('asks again for the same installation on retry', () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(DIAGNOSTICS_URL).flush({ entries: [] });

    store.load();

    backend.expectOne(DIAGNOSTICS_URL).flush({ entries: [] });
    expect(store.data()).toEqual([]);
  });
});
