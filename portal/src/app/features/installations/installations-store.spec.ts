import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { IMPORT_REPORT, INSTALLATION_VIEW } from '../../testing/api-samples';
import { InstallationsStore } from './installations-store';

describe('InstallationsStore', () => {
  let store: InstallationsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [InstallationsStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(InstallationsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it('creates an installation, returns it and reloads the list', async () => {
    const done = store.create({ name: 'lab 2', endpointUrls: [], storages: ['bws'] });
    const post = backend.expectOne('/api/installations');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ name: 'lab 2', endpointUrls: [], storages: ['bws'] });
    post.flush({ ...INSTALLATION_VIEW, name: 'lab 2' }, { status: 201, statusText: 'Created' });

    const created = await done;
    expect(created.installation.name).toBe('lab 2');
    expect(created.importReport).toBeUndefined();
    backend.expectOne('/api/installations').flush({ items: [], total: 0 });
    expect(store.data()?.total).toBe(0);
  });

  it('returns the import report of an installation created with a connection string', async () => {
    const done = store.create({ name: 'lab 2', endpointUrls: [], storages: ['bws'], connectionString: 'mongodb://mongo/bws' });
    backend.expectOne('/api/installations').flush({ ...INSTALLATION_VIEW, name: 'lab 2', importReport: IMPORT_REPORT });

    const created = await done;
    expect(created.installation.name).toBe('lab 2');
    expect(created.importReport?.counts).toEqual({ imported: 1, onlyInBws: 1 });
  });

  it('rejects a taken name with the BFF message', async () => {
    const done = store.create({ name: 'demo', endpointUrls: [], storages: ['bws'] });
    backend
      .expectOne('/api/installations')
      .flush({ Message: "An installation named 'demo' already exists.", Code: 'Conflict' }, { status: 409, statusText: 'Conflict' });

    await expect(done).rejects.toMatchObject({ message: "An installation named 'demo' already exists." });
  });
});
