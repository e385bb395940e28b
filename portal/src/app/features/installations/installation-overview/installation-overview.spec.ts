import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ALL_INSTALLATION_OPERATIONS, INSTALLATION_ID, INSTALLATION_VIEW } from '../../../testing/api-samples';
import { Installation, parseInstallation } from '../installation';
import { InstallationStore } from '../installation-store';
import { InstallationOverview } from './installation-overview';

const URL = `/api/installations/${INSTALLATION_ID}`;

describe('InstallationOverview', () => {
  let fixture: ComponentFixture<InstallationOverview>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InstallationOverview],
      providers: [InstallationStore, provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(InstallationStore).load(INSTALLATION_ID);
    backend.expectOne(URL).flush(INSTALLATION_VIEW);
  });

  async function render(allowed: readonly string[], isAdmin = false): Promise<HTMLElement> {
    const installation: Installation = parseInstallation({ ...INSTALLATION_VIEW, allowed });
    fixture = TestBed.createComponent(InstallationOverview);
    fixture.componentRef.setInput('installation', installation);
    fixture.componentRef.setInput('isAdmin', isAdmin);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function buttonLabels(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('button'), (button) => button.textContent?.trim() ?? '');
  }

  it('shows the masked connection string and reveals it for Owners', async () => {
    const page = await render(ALL_INSTALLATION_OPERATIONS);
    expect(page.textContent).toContain('mongodb://bws:****@mongo:27017/bws');

    Array.from(page.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Reveal')?.click();
    backend.expectOne(`${URL}/connection-string`).flush({ connectionString: 'mongodb://bws:s3cret@mongo:27017/bws' });

    await vi.waitFor(() => expect(page.textContent).toContain('mongodb://bws:s3cret@mongo:27017/bws'));
    expect(buttonLabels(page)).toContain('Hide');
  });

  it('offers no Reveal to Editors, who may still change the connection string', async () => {
    const page = await render(ALL_INSTALLATION_OPERATIONS.filter((operation) => operation !== 'readConnectionString'));

    expect(buttonLabels(page)).not.toContain('Reveal');
    expect(buttonLabels(page)).toEqual(expect.arrayContaining(['Change', 'Remove', 'Save']));
  });

  it('shows settings read-only without Save, Change or Remove to users who may not update', async () => {
    const page = await render(['readInfo', 'readInstanceUsage']);

    const labels = buttonLabels(page);
    for (const hidden of ['Save', 'Change', 'Remove', 'Reveal']) expect(labels).not.toContain(hidden);
    expect(page.querySelector<HTMLTextAreaElement>('textarea')?.disabled).toBe(true);
    expect(page.textContent).toContain('Owners and Editors of this installation change its settings');
  });

  it('offers renaming to platform administrators only', async () => {
    expect((await render(ALL_INSTALLATION_OPERATIONS)).querySelector('input[formControlName="name"]')).toBeNull();
    expect((await render(ALL_INSTALLATION_OPERATIONS, true)).querySelector('input[formControlName="name"]')).not.toBeNull();
  });

  it('saves endpoints and storages and shows a conflict in place', async () => {
    const page = await render(ALL_INSTALLATION_OPERATIONS);
    const storages = page.querySelector<HTMLInputElement>('input[formControlName="storages"]');
    if (!storages) throw new Error('no storages field');
    storages.value = 'archive';
    storages.dispatchEvent(new Event('input'));
    await fixture.whenStable();

    Array.from(page.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Save')?.click();
    const patch = backend.expectOne(URL);
    expect(patch.request.body).toEqual({ endpointUrls: ['https://bws.example.com'], storages: ['archive'] });
    patch.flush(
      { Message: "Storage 'bws' still holds 2 client(s) and cannot be removed.", Code: 'Conflict' },
      { status: 409, statusText: 'Conflict' },
    );

    await vi.waitFor(() => expect(page.querySelector('[role="alert"]')?.textContent).toContain("Storage 'bws' still holds"));
  });
});
