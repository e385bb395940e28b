import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { CERTIFICATE_VIEW, INSTALLATION_ID } from '../../../testing/api-samples';
import { ClientCertificates } from './client-certificates';

const CLIENT_URL = '/api/clients/demo-client/certificates';
const ATTACHABLE_URL = '/api/clients/demo-client/attachable-certificates';
const SPARE = { ...CERTIFICATE_VIEW, id: '6f1c2a8e-0000-4000-8000-0000000000c2', name: 'spare', clients: [] };

describe('ClientCertificates', () => {
  let fixture: ComponentFixture<ClientCertificates>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ClientCertificates],
      providers: [provideAppIcons(), provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
  });

  async function render(canManage: boolean, canUpload = false): Promise<HTMLElement> {
    fixture = TestBed.createComponent(ClientCertificates);
    fixture.componentRef.setInput('clientName', 'demo-client');
    fixture.componentRef.setInput('installation', { id: INSTALLATION_ID, name: 'demo' });
    fixture.componentRef.setInput('canOpenInstallation', canUpload);
    fixture.componentRef.setInput('canUpload', canUpload);
    fixture.componentRef.setInput('canManage', canManage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function button(root: ParentNode, label: string): HTMLButtonElement {
    const found = Array.from(root.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  it('attaches a certificate of the installation and reports the change', async () => {
    const changed = vi.fn();
    const page = await render(true);
    fixture.componentInstance.changed.subscribe(changed);
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });
    backend.expectOne(ATTACHABLE_URL).flush({ items: [CERTIFICATE_VIEW, SPARE] });
    await fixture.whenStable();

    button(page, 'Attach certificate').click();
    const dialog = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('form')) throw new Error('dialog not rendered yet');
      return found;
    });
    await TestBed.inject(ApplicationRef).whenStable();
    button(dialog, 'Attach').click();

    const put = backend.expectOne(`${CLIENT_URL}/${SPARE.id}`);
    expect(put.request.method).toBe('PUT');
    put.flush(null, { status: 204, statusText: 'No Content' });
    (await vi.waitFor(() => backend.expectOne(CLIENT_URL))).flush({ items: [CERTIFICATE_VIEW, SPARE] });
    (await vi.waitFor(() => backend.expectOne(ATTACHABLE_URL))).flush({ items: [CERTIFICATE_VIEW, SPARE] });

    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
  });

  it('says why Attach is disabled when every certificate of the installation is attached', async () => {
    const page = await render(true);
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });
    backend.expectOne(ATTACHABLE_URL).flush({ items: [CERTIFICATE_VIEW] });
    await fixture.whenStable();

    const attach = button(page, 'Attach certificate');
    expect(attach.getAttribute('aria-disabled')).toBe('true');
    const reason = page.querySelector(`#${attach.getAttribute('aria-describedby')}`);
    expect(reason?.textContent).toContain('Every certificate of installation demo is attached to this client already.');
    expect(reason?.textContent).toContain('Ask an Owner or Editor of installation demo to upload one');
  });

  it('says the installation has none yet and links to its Certificates tab for those who upload', async () => {
    const page = await render(true, true);
    backend.expectOne(CLIENT_URL).flush({ items: [] });
    backend.expectOne(ATTACHABLE_URL).flush({ items: [] });
    await fixture.whenStable();

    const attach = button(page, 'Attach certificate');
    expect(attach.getAttribute('aria-disabled')).toBe('true');
    const reason = page.querySelector(`#${attach.getAttribute('aria-describedby')}`);
    expect(reason?.textContent).toContain('Installation demo has no certificates yet');
    expect(reason?.textContent).not.toContain('attached to this client already');
    const link = reason?.querySelector('a');
    expect(link?.textContent).toContain('Upload a certificate on demo’s Certificates tab');
    expect(link?.getAttribute('href')).toBe(`/installations/${INSTALLATION_ID}?tab=certificates`);
  });

  it('neither asks for attachable certificates nor offers Attach without manageClientCertificates', async () => {
    const page = await render(false);
    backend.expectOne(CLIENT_URL).flush({ items: [CERTIFICATE_VIEW] });
    await fixture.whenStable();

    backend.expectNone(ATTACHABLE_URL);
    expect(Array.from(page.querySelectorAll('button'), (candidate) => candidate.textContent?.trim())).not.toContain(
      'Attach certificate',
    );
  });
});
