import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { CERTIFICATE_VIEW, INSTALLATION_ID } from '../../../testing/api-samples';
import { InstallationCertificatesStore } from '../installation-certificates-store';
import { CertificateUploadDialog } from './certificate-upload-dialog';

const URL = `/api/installations/${INSTALLATION_ID}/certificates`;
const CERTIFICATE_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

describe('CertificateUploadDialog', () => {
  let backend: HttpTestingController;
  let container: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [InstallationCertificatesStore, provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(InstallationCertificatesStore).load(INSTALLATION_ID);
    backend.expectOne(URL).flush({ items: [] });
    TestBed.inject(MatDialog).open(CertificateUploadDialog);
    container = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('form')) throw new Error('dialog not rendered yet');
      return found;
    });
    await stable();
  });

  async function stable(): Promise<void> {
    await TestBed.inject(ApplicationRef).whenStable();
  }

  function field<T extends HTMLElement>(selector: string): T {
    const found = container.querySelector<T>(selector);
    if (!found) throw new Error(`no field ${selector}`);
    return found;
  }

  function chooseFile(label: string, file: File): void {
    const input = field<HTMLInputElement>(`input[type="file"][aria-label="${label}"]`);
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  function upload(): void {
    Array.from(container.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Upload')?.click();
  }

  it('reads PEM files into the text fields and uploads the pair', async () => {
    chooseFile('Certificate file', new File([CERTIFICATE_PEM], 'client.crt'));
    chooseFile('Private key file', new File([KEY_PEM], 'client.key'));
    await vi.waitFor(() => expect(field<HTMLTextAreaElement>('textarea[formControlName="privateKeyPem"]').value).toBe(KEY_PEM));
    expect(field<HTMLTextAreaElement>('textarea[formControlName="certificatePem"]').value).toBe(CERTIFICATE_PEM);

    upload();

    const post = await vi.waitFor(() => backend.expectOne(URL));
    expect(post.request.body).toEqual({ certificatePem: CERTIFICATE_PEM, privateKeyPem: KEY_PEM });
    post.flush(CERTIFICATE_VIEW, { status: 201, statusText: 'Created' });
  });

  it('says what is missing instead of uploading pasted text that is not PEM', async () => {
    const certificate = field<HTMLTextAreaElement>('textarea[formControlName="certificatePem"]');
    certificate.value = 'not a certificate';
    certificate.dispatchEvent(new Event('input'));

    upload();
    await stable();

    const errors = Array.from(container.querySelectorAll('mat-error'), (error) => error.textContent?.trim());
    expect(errors).toEqual(['This is not PEM text (it starts with -----BEGIN CERTIFICATE-----)', 'The private key is required']);
    backend.expectNone(URL);
  });

  it('uploads a PKCS#12 file as base64 with its password', async () => {
    field<HTMLElement>('mat-button-toggle:nth-of-type(2) button').click();
    await stable();
    chooseFile('PKCS#12 file', new File([new Uint8Array([0x30, 0x82, 0x01, 0xff])], 'client.pfx'));
    await vi.waitFor(() => expect(container.textContent).toContain('client.pfx'));
    const password = field<HTMLInputElement>('input[formControlName="password"]');
    password.value = 'pfx-password';
    password.dispatchEvent(new Event('input'));

    upload();

    const post = await vi.waitFor(() => backend.expectOne(URL));
    expect(post.request.body).toEqual({ pkcs12: 'MIIB/w==', password: 'pfx-password' });
  });

  it('shows the BFF’s reason when the certificate is refused', async () => {
    const certificate = field<HTMLTextAreaElement>('textarea[formControlName="certificatePem"]');
    certificate.value = CERTIFICATE_PEM;
    certificate.dispatchEvent(new Event('input'));
    const key = field<HTMLTextAreaElement>('textarea[formControlName="privateKeyPem"]');
    key.value = KEY_PEM;
    key.dispatchEvent(new Event('input'));

    upload();
    (await vi.waitFor(() => backend.expectOne(URL))).flush(
      { Message: 'The private key does not belong to the certificate.', Code: 'InvalidCertificate' },
      { status: 400, statusText: 'Bad Request' },
    );

    await vi.waitFor(() =>
      expect(container.querySelector('[role="alert"]')?.textContent).toContain('The private key does not belong to the certificate.'),
    );
  });
});
