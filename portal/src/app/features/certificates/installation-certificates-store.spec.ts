import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { CERTIFICATE_ID, CERTIFICATE_VIEW, INSTALLATION_ID } from '../../testing/api-samples';
import { InstallationCertificatesStore } from './installation-certificates-store';

const URL = `/api/installations/${INSTALLATION_ID}/certificates`;

describe('InstallationCertificatesStore', () => {
  let store: InstallationCertificatesStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [InstallationCertificatesStore, provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(InstallationCertificatesStore);
    backend = TestBed.inject(HttpTestingController);
    store.load(INSTALLATION_ID);
    backend.expectOne(URL).flush({ items: [CERTIFICATE_VIEW] });
  });

  it('holds the parsed certificates', () => {
    expect(store.data()).toEqual([CERTIFICATE_VIEW]);
  });

  it('uploads a PEM pair and reloads', async () => {
    const upload = { certificatePem: '-----BEGIN CERTIFICATE-----', privateKeyPem: '-----BEGIN PRIVATE KEY-----' };
    const done = store.upload(upload);
    const post = backend.expectOne(URL);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual(upload);
    post.flush({ ...CERTIFICATE_VIEW, clients: [] }, { status: 201, statusText: 'Created' });

    expect((await done).name).toBe('demo-cert');
    backend.expectOne(URL).flush({ items: [CERTIFICATE_VIEW] });
  });

  it('passes the validation message of a refused upload on', async () => {
    const done = store.upload({ pkcs12: 'AAAA', password: 'wrong' });
    backend
      .expectOne(URL)
      .flush(
        { Message: 'The PKCS#12 file cannot be read with this password.', Code: 'InvalidCertificate' },
        { status: 400, statusText: 'Bad Request' },
      );

    await expect(done).rejects.toMatchObject({ status: 400, message: 'The PKCS#12 file cannot be read with this password.' });
    backend.verify();
  });

  it('deletes a certificate and reloads', async () => {
    const done = store.remove(CERTIFICATE_ID);
    const request = backend.expectOne(`${URL}/${CERTIFICATE_ID}`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    backend.expectOne(URL).flush({ items: [] });
    expect(store.data()).toEqual([]);
  });
});
