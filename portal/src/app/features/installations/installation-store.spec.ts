import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { FAILED_IMPORT_REPORT, IMPORT_REPORT, INSTALLATION_ID, INSTALLATION_VIEW } from '../../testing/api-samples';
import { InstallationStore } from './installation-store';

const URL = `/api/installations/${INSTALLATION_ID}`;

describe('InstallationStore', () => {
  let store: InstallationStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [InstallationStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(InstallationStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it('parses the installation with its allowed operations as a set', () => {
    store.load(INSTALLATION_ID);
    expect(store.loading()).toBe(true);
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, allowed: ['readInfo', 'readInstanceUsage', 'someFutureOperation'] });

    const installation = store.data();
    expect(installation?.name).toBe('demo');
    expect(installation?.connectionString).toEqual({ configured: true, masked: 'mongodb://bws:****@mongo:27017/bws' });
    expect([...(installation?.allowed ?? [])]).toEqual(['readInfo', 'readInstanceUsage']);
    expect(store.loading()).toBe(false);
  });

  it('reports an answer of the wrong shape as an error instead of showing half a page', () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, storages: 'bws' });

    expect(store.data()).toBeNull();
    expect(store.error()?.code).toBe('UnexpectedResponse');
  });

  it('patches only the given fields and shows the answer', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);

    const done = store.update({ endpointUrls: ['https://a.example.com'], storages: ['bws', 'archive'] });
    const patch = backend.expectOne(URL);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ endpointUrls: ['https://a.example.com'], storages: ['bws', 'archive'] });
    patch.flush({ ...INSTALLATION_VIEW, storages: ['archive', 'bws'] });
    const saved = await done;

    expect(store.data()?.storages).toEqual(['archive', 'bws']);
    expect(saved.importReport).toBeUndefined();
    expect(store.importReport()).toBeNull();
  });

  it('keeps the import report of a saved connection string until it is dismissed', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, connectionString: { configured: false, masked: null } });

    const done = store.update({ connectionString: 'mongodb://bws:s3cret@mongo:27017/bws' });
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, importReport: IMPORT_REPORT });
    const saved = await done;

    expect(saved.installation.connectionString.configured).toBe(true);
    expect(saved.importReport?.messages.map((message) => message.kind)).toEqual(['imported', 'onlyInBws']);
    expect(store.importReport()).toBe(saved.importReport);
    expect(store.data()?.connectionString.configured).toBe(true);

    store.dismissImportReport();
    expect(store.importReport()).toBeNull();
  });

  it('keeps the report of an import that could not read the installation, with its error', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);

    const done = store.update({ connectionString: 'mongodb://bws:s3cret@unreachable:27017/bws' });
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, importReport: FAILED_IMPORT_REPORT });
    await done;

    expect(store.importReport()?.error).toContain('could not be read');
  });

  it('treats a save with a malformed import report as saved and leaves the report out', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, connectionString: { configured: false, masked: null } });

    const done = store.update({ connectionString: 'mongodb://bws:s3cret@mongo:27017/bws' });
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, importReport: { messages: 'none' } });
    const saved = await done;

    expect(saved.importReport).toBeUndefined();
    expect(store.data()?.connectionString.configured).toBe(true);
    expect(store.importReport()).toBeNull();
    expect(store.error()).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('removes the connection string with null', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);

    const done = store.update({ connectionString: null });
    const patch = backend.expectOne(URL);
    expect(patch.request.body).toEqual({ connectionString: null });
    patch.flush({ ...INSTALLATION_VIEW, connectionString: { configured: false, masked: null } });
    await done;

    expect(store.data()?.connectionString.configured).toBe(false);
  });

  it('drops the last import report when the connection string is removed', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);
    const connected = store.update({ connectionString: 'mongodb://bws:s3cret@mongo:27017/bws' });
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, importReport: IMPORT_REPORT });
    await connected;

    const removed = store.update({ connectionString: null });
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, connectionString: { configured: false, masked: null } });
    await removed;

    expect(store.importReport()).toBeNull();
  });

  it('reveals the connection string in clear without keeping it', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);

    const revealed = store.revealConnectionString();
    backend.expectOne(`${URL}/connection-string`).flush({ connectionString: 'mongodb://bws:s3cret@mongo:27017/bws' });

    expect(await revealed).toBe('mongodb://bws:s3cret@mongo:27017/bws');
    expect(JSON.stringify(store.data())).not.toContain('s3cret');
  });

  it('passes a conflict on with its message', async () => {
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);

    const done = store.update({ storages: ['archive'] });
    backend
      .expectOne(URL)
      .flush(
        { Message: "Storage 'bws' still holds 2 client(s) and cannot be removed.", Code: 'Conflict' },
        { status: 409, statusText: 'Conflict' },
      );

    await expect(done).rejects.toMatchObject({ status: 409, message: "Storage 'bws' still holds 2 client(s) and cannot be removed." });
    expect(store.data()?.storages).toEqual(['bws']);
  });
});
