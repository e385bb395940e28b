import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  ALL_INSTALLATION_OPERATIONS,
  FAILED_IMPORT_REPORT,
  IMPORT_REPORT,
  INSTALLATION_ID,
  INSTALLATION_VIEW,
} from '../../../testing/api-samples';
import { Installation, parseInstallation } from '../installation';
import { InstallationStore } from '../installation-store';
import { InstallationOverview } from './installation-overview';

const URL = `/api/installations/${INSTALLATION_ID}`;
const SYNC_URL = `${URL}/sync`;
const NOT_CONNECTED = { state: 'notConnected', pending: 0, lastError: null, nextAttemptAt: null, oldestChangeAt: null, clients: [] };
const IN_SYNC = { ...NOT_CONNECTED, state: 'inSync' };
const DISCONNECTED_VIEW = { ...INSTALLATION_VIEW, connectionString: { configured: false, masked: null } };

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

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
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

  function button(root: ParentNode, label: string): HTMLButtonElement {
    const found = Array.from(root.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  /** Opens "Set connection string", enters `connectionString` and saves; answers the PATCH with `answer`. */
  async function saveConnectionString(page: HTMLElement, answer: object): Promise<void> {
    button(page, 'Set connection string').click();
    const dialog = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('input')) throw new Error('connection string dialog not rendered yet');
      return found;
    });
    await TestBed.inject(ApplicationRef).whenStable();
    const input = dialog.querySelector<HTMLInputElement>('input[formControlName="connectionString"]');
    if (!input) throw new Error('no connection string field');
    input.value = 'mongodb://bws:s3cret@mongo:27017/bws';
    input.dispatchEvent(new Event('input'));
    button(dialog, 'Save connection string').click();
    const patch = backend.expectOne(URL);
    expect(patch.request.body).toEqual({ connectionString: 'mongodb://bws:s3cret@mongo:27017/bws' });
    patch.flush(answer);
  }

  async function importReportDialog(): Promise<HTMLElement> {
    const dialog = await vi.waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('mat-dialog-container')).find(
        (container) => container.querySelector('h2')?.textContent?.trim() === 'Import report',
      );
      if (!found?.querySelector('app-import-report')) throw new Error('no import report dialog yet');
      return found;
    });
    await TestBed.inject(ApplicationRef).whenStable();
    return dialog;
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

  it('shows the sync status next to the connection string, with Retry for those who may update', async () => {
    const page = await render(ALL_INSTALLATION_OPERATIONS);
    backend.expectOne(SYNC_URL).flush(NOT_CONNECTED);
    await fixture.whenStable();

    const connection = page.querySelector('section[aria-labelledby="connection-heading"]');
    expect(connection?.querySelector('app-sync-status [role="status"]')?.textContent?.trim()).toBe('Not connected');
  });

  it('shows the import report in a dialog and on the overview after a connection string is saved', async () => {
    const page = await render(ALL_INSTALLATION_OPERATIONS);
    fixture.componentRef.setInput('installation', parseInstallation(DISCONNECTED_VIEW));
    backend.expectOne(SYNC_URL).flush(NOT_CONNECTED);
    await fixture.whenStable();

    await saveConnectionString(page, { ...INSTALLATION_VIEW, importReport: IMPORT_REPORT });

    const dialog = await importReportDialog();
    expect(dialog.textContent).toContain('The connection string was saved, and the clients');
    expect(dialog.querySelectorAll('app-import-report tbody tr')).toHaveLength(2);
    (await vi.waitFor(() => backend.expectOne(SYNC_URL))).flush(IN_SYNC);

    await fixture.whenStable();
    const card = page.querySelector('section[aria-labelledby="import-heading"]');
    expect(card?.querySelector('h2')?.textContent?.trim()).toBe('Client import');
    expect(card?.querySelector('app-import-report')).not.toBeNull();
  });

  it('says clearly that the connection string was saved when the import could not read the installation', async () => {
    const page = await render(ALL_INSTALLATION_OPERATIONS);
    fixture.componentRef.setInput('installation', parseInstallation(DISCONNECTED_VIEW));
    await fixture.whenStable();

    await saveConnectionString(page, { ...INSTALLATION_VIEW, importReport: FAILED_IMPORT_REPORT });

    const dialog = await importReportDialog();
    expect(dialog.textContent).toContain('The connection string was saved, but the import could not read the installation’s database');
    expect(dialog.querySelector('[role="alert"]')?.textContent).toContain('ECONNREFUSED');

    button(dialog, 'Close').click();
    await vi.waitFor(() => expect(document.querySelector('mat-dialog-container')).toBeNull());
    await fixture.whenStable();
    const card = page.querySelector('section[aria-labelledby="import-heading"]');
    expect(card?.textContent).toContain('could not read the installation’s database');

    button(card ?? page, 'Dismiss').click();
    await fixture.whenStable();
    expect(page.querySelector('section[aria-labelledby="import-heading"]')).toBeNull();
  });

  it('treats a save whose import report cannot be read as saved, without a report', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const page = await render(ALL_INSTALLATION_OPERATIONS);
    fixture.componentRef.setInput('installation', parseInstallation(DISCONNECTED_VIEW));
    await fixture.whenStable();

    await saveConnectionString(page, { ...INSTALLATION_VIEW, importReport: { counts: 'many' } });

    await vi.waitFor(() => expect(document.body.textContent).toContain('Connection string saved'));
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(page.querySelector('section[aria-labelledby="import-heading"]')).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
