import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { CERTIFICATE_VIEW, CLASS_VIEW } from '../../testing/api-samples';
import { ClassesStore } from './classes-store';

const CLIENT_URL = '/api/clients/demo-client';
const CLASSES_URL = `${CLIENT_URL}/classes`;
const COUNT_URL = `${CLIENT_URL}/Face/classcount`;
const CERTIFICATES_URL = `${CLIENT_URL}/certificates`;
const VOICE_ONLY = { ...CLASS_VIEW, bcid: 'bws.1.43', classId: 43, traits: [{ trait: 'Voice', templates: 1 }] };
const FACE_ONLY = { ...CLASS_VIEW, bcid: 'bws.1.44', classId: 44, traits: [{ trait: 'Face', templates: 1 }] };
const EVERYTHING = { clientName: 'demo-client', canCount: true, canDelete: true };
const ACCEPTED = { status: 202, statusText: 'Accepted' };
const NOT_FOUND = { Message: "There is no class 42 enrolled with client 'demo-client'.", Code: 'NotFound' };
const CONFLICT = {
  Message: "Deleting classes needs a certificate attached to 'demo-client'. Attach one on the Certificates tab.",
  Code: 'Conflict',
};

describe('ClassesStore', () => {
  let store: ClassesStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ClassesStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ClassesStore);
    backend = TestBed.inject(HttpTestingController);
  });

  function loadEverything(classes: readonly object[] = [CLASS_VIEW, VOICE_ONLY, FACE_ONLY], faceCount = 2): void {
    store.load(EVERYTHING);
    backend.expectOne((candidate) => candidate.url === CLASSES_URL).flush(classes);
    backend.expectOne(COUNT_URL).flush(faceCount);
    backend.expectOne(CERTIFICATES_URL).flush({ items: [CERTIFICATE_VIEW] });
  }

  it('holds the classes, the Face class count and that a certificate is attached', () => {
    loadEverything();

    expect(store.data()?.map((row) => row.classId)).toEqual([42, 43, 44]);
    expect(store.faceClassCount()).toBe(2);
    expect(store.certificateAttached()).toBe(true);
    expect(store.truncated()).toBe(false);
    expect(store.loading()).toBe(false);
  });

  it('asks for neither the count nor the certificates when the user may not count or delete', () => {
    store.load({ clientName: 'demo-client', canCount: false, canDelete: false });

    backend.expectOne((candidate) => candidate.url === CLASSES_URL).flush([CLASS_VIEW]);
    backend.expectNone(COUNT_URL);
    backend.expectNone(CERTIFICATES_URL);
    expect(store.faceClassCount()).toBeNull();
    expect(store.certificateAttached()).toBeNull();
  });

  it('knows when no certificate is attached', () => {
    store.load(EVERYTHING);
    backend.expectOne((candidate) => candidate.url === CLASSES_URL).flush([]);
    backend.expectOne(COUNT_URL).flush(0);
    backend.expectOne(CERTIFICATES_URL).flush({ items: [] });

    expect(store.certificateAttached()).toBe(false);
  });

  it('says the list is truncated when exactly 1,000 classes came back, also after a delete', async () => {
    const thousand = Array.from({ length: 1000 }, (_, index) => ({ ...VOICE_ONLY, classId: index + 1 }));
    loadEverything(thousand, 0);
    expect(store.truncated()).toBe(true);

    const deleted = store.deleteClass(1);
    backend.expectOne(`${CLASSES_URL}/1`).flush({ Message: 'queued' }, ACCEPTED);
    await deleted;

    expect(store.data()).toHaveLength(999);
    expect(store.truncated()).toBe(true);
  });

  it('removes a deleted class from the list without asking for the list again', async () => {
    loadEverything();

    const deleted = store.deleteClass(42);
    const request = backend.expectOne(`${CLASSES_URL}/42`);
    expect(request.request.method).toBe('DELETE');
    const message = "demo-client's class 42 is deleted here and queued.";
    request.flush({ Message: message }, ACCEPTED);

    expect(await deleted).toBe(message);
    expect(store.data()?.map((row) => row.classId)).toEqual([43, 44]);
    expect(store.faceClassCount()).toBe(1);
    backend.expectNone((candidate) => candidate.url === CLASSES_URL);
  });

  it("removes a deleted trait from its class's row and keeps the other traits", async () => {
    loadEverything();

    const deleted = store.deleteTemplates(42, 'Periocular');
    backend.expectOne(`${CLASSES_URL}/42/Periocular`).flush({ Message: 'queued' }, ACCEPTED);
    await deleted;

    expect(store.data()?.[0]?.traits).toEqual([{ trait: 'Face', templates: 3 }]);
    expect(store.faceClassCount()).toBe(2);
  });

  it('removes the class when its last trait is deleted, and counts one Face class less', async () => {
    loadEverything();

    const deleted = store.deleteTemplates(44, 'Face');
    backend.expectOne(`${CLASSES_URL}/44/Face`).flush({ Message: 'queued' }, ACCEPTED);
    await deleted;

    expect(store.data()?.map((row) => row.classId)).toEqual([42, 43]);
    expect(store.faceClassCount()).toBe(1);
  });

  it('holds the error when listing is refused and keeps it until the next load', () => {
    store.load({ clientName: 'demo-client', canCount: false, canDelete: false });
    backend
      .expectOne((candidate) => candidate.url === CLASSES_URL)
      .flush({ Message: 'You do not have permission to do this.' }, { status: 403, statusText: 'Forbidden' });

    expect(store.error()?.status).toBe(403);
    expect(store.error()?.message).toBe('You do not have permission to do this.');
    expect(store.data()).toBeNull();

    store.load();
    expect(store.error()).toBeNull();
    backend.expectOne((candidate) => candidate.url === CLASSES_URL).flush([CLASS_VIEW]);
    expect(store.data()).toHaveLength(1);
  });

  it('keeps the list as it was when a delete fails, with the reason', async () => {
    loadEverything();

    const deleted = store.deleteClass(42);
    backend
      .expectOne(`${CLASSES_URL}/42`)
      .flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });

    await expect(deleted).rejects.toMatchObject({ status: 404, message: NOT_FOUND.Message });
    expect(store.data()?.map((row) => row.classId)).toEqual([42, 43, 44]);
    expect(store.faceClassCount()).toBe(2);
  });

  it('asks for the certificates again when the BFF says one is needed', async () => {
    loadEverything();
    expect(store.certificateAttached()).toBe(true);

    const deleted = store.deleteTemplates(42, 'Face');
    backend.expectOne(`${CLASSES_URL}/42/Face`).flush(CONFLICT, { status: 409, statusText: 'Conflict' });

    await expect(deleted).rejects.toMatchObject({ status: 409, message: CONFLICT.Message });
    backend.expectOne(CERTIFICATES_URL).flush({ items: [] });
    expect(store.certificateAttached()).toBe(false);
  });

  it('starts empty for another client', () => {
    loadEverything();

    store.load({ ...EVERYTHING, clientName: 'other-client' });

    expect(store.data()).toBeNull();
    expect(store.faceClassCount()).toBeNull();
    expect(store.certificateAttached()).toBeNull();
    backend.expectOne((candidate) => candidate.url === '/api/clients/other-client/classes');
    backend.expectOne('/api/clients/other-client/Face/classcount');
    backend.expectOne('/api/clients/other-client/certificates');
  });
});
