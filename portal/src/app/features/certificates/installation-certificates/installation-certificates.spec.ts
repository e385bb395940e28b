import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { CERTIFICATE_VIEW, INSTALLATION_ID } from '../../../testing/api-samples';
import { InstallationCertificates } from './installation-certificates';

const SPARE = { ...CERTIFICATE_VIEW, id: '6f1c2a8e-0000-4000-8000-0000000000c2', name: 'spare', clients: [] };

describe('InstallationCertificates', () => {
  let fixture: ComponentFixture<InstallationCertificates>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InstallationCertificates],
      providers: [provideRouter([]), provideAppIcons(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  async function render(canManage: boolean): Promise<HTMLElement> {
    fixture = TestBed.createComponent(InstallationCertificates);
    fixture.componentRef.setInput('installationId', INSTALLATION_ID);
    fixture.componentRef.setInput('canManage', canManage);
    await fixture.whenStable();
    backend.expectOne(`/api/installations/${INSTALLATION_ID}/certificates`).flush({ items: [CERTIFICATE_VIEW, SPARE] });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows subject, issuer, validity, grouped thumbprint and attached clients', async () => {
    const page = await render(true);

    const first = page.querySelector('tbody tr');
    expect(first?.textContent).toContain('CN=demo-cert, O=BWS Test');
    expect(first?.textContent).toContain('Jan 1, 2026 – Jan 1, 2027');
    expect(first?.textContent).toContain('AB12 CD34 EF56');
    expect(first?.querySelector('a')?.getAttribute('href')).toBe('/clients/demo-client');
  });

  it('offers upload and delete to those who manage certificates, but not delete of an attached one', async () => {
    const page = await render(true);

    expect(page.textContent).toContain('Upload certificate');
    const deleteButtons = Array.from(page.querySelectorAll<HTMLButtonElement>('tbody button'));
    expect(deleteButtons.map((button) => button.getAttribute('aria-disabled'))).toEqual(['true', null]);
  });

  it('offers neither upload nor delete to readers', async () => {
    const page = await render(false);

    expect(page.textContent).not.toContain('Upload certificate');
    expect(page.querySelectorAll('tbody button')).toHaveLength(0);
  });
});
