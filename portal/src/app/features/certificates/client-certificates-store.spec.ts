import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { CERTIFICATE_ID, CERTIFICATE_VIEW, INSTALLATION_ID } from '../../testing/api-samples';
import { ClientCertificatesStore } from './client-certificates-store';

const CLIENT_URL = '/api/clients/demo-client/certificates';
const ATTACHABLE_URL = '/api/clients/demo-client/attachable-certificates';
const INSTALLATION_URL = `/api/installations/${INSTALLATION_ID}/certificates`;
const SPARE = { ...CERTIFICATE_VIEW, id: '6f1c2a8e-0000-4000-8000-0000000000c2', name: 'spare', clients: [] };

describe('ClientCertificatesStore', () => {
  let store: ClientCertificatesStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ClientCertificatesStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ClientCertificatesStore);
    backend = TestBed.inject(HttpTestingController);
  });

  it("offers the installation's certificates that are not attached yet, asked for through the client", () => {
    store.load({ clientName: 'demo-client', canAttach: true });
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });
    backend.expectOne(ATTACHABLE_URL).flush({ items: [CERTIFICATE_VIEW, SPARE] });

    backend.expectNone(INSTALLATION_URL);
    expect(store.data()).toEqual([CERTIFICATE_VIEW]);
    expect(store.attachable()?.map((certificate) => certificate.name)).toEqual(['spare']);
  });

  it('does not ask for attachable certificates when the user may not attach', () => {
    store.load({ clientName: 'demo-client', canAttach: false });
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });

    backend.expectNone(ATTACHABLE_URL);
    expect(store.attachable()).toBeNull();
  });

  it('keeps the attached list when the attachable certificates cannot be loaded', () => {
    store.load({ clientName: 'demo-client', canAttach: true });
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });
    backend
      .expectOne(ATTACHABLE_URL)
      .flush({ Message: 'You may not manage this client\'s certificates.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });

    expect(store.data()).toEqual([CERTIFICATE_VIEW]);
    expect(store.error()).toBeNull();
    expect(store.attachable()).toBeNull();
  });

  it('attaches with PUT and detaches with DELETE, reloading after each', async () => {
    store.load({ clientName: 'demo-client', canAttach: false });
    backend.expectOne(CLIENT_URL).flush({ items: [] });

    const attached = store.attach(CERTIFICATE_ID);
    const put = backend.expectOne(`${CLIENT_URL}/${CERTIFICATE_ID}`);
    expect(put.request.method).toBe('PUT');
    put.flush(null, { status: 204, statusText: 'No Content' });
    await attached;
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });
    expect(store.data()).toHaveLength(1);

    const detached = store.detach(CERTIFICATE_ID);
    const remove = backend.expectOne(`${CLIENT_URL}/${CERTIFICATE_ID}`);
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
    await detached;
    backend.expectOne(CLIENT_URL).flush({ items: [] });
    expect(store.data()).toHaveLength(0);
  });

  it('downloads the PKCS#12 file with the name from Content-Disposition', async () => {
    store.load({ clientName: 'demo-client', canAttach: false });
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });

    const done = store.downloadPkcs12(CERTIFICATE_ID, 'long-enough');
    const post = backend.expectOne(`${CLIENT_URL}/${CERTIFICATE_ID}/pkcs12`);
    expect(post.request.body).toEqual({ password: 'long-enough' });
    expect(post.request.responseType).toBe('blob');
    post.flush(new Blob([new Uint8Array([48, 130])], { type: 'application/x-pkcs12' }), {
      headers: { 'Content-Disposition': 'attachment; filename="demo-cert.pfx"' },
    });

    const file = await done;
    expect(file.fileName).toBe('demo-cert.pfx');
    expect(file.blob.size).toBe(2);
  });
});
