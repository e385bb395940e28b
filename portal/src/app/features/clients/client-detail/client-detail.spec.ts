import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AuthStore } from '../../../core/auth/auth-store';
import { Me } from '../../../core/auth/me';
import { provideAppIcons } from '../../../core/layout/app-icons';
import { CERTIFICATE_VIEW, CLASS_VIEW, CLIENT_DETAIL, EDITOR, INSTALLATION_ID, USAGE_REPORT } from '../../../testing/api-samples';
import { ClientDetail } from './client-detail';

const VIEWER: Me = {
  id: '6f1c2a8e-0000-4000-8000-000000000013',
  username: 'viewer',
  displayName: 'Vera Viewer',
  email: 'viewer@demo.local',
  isPlatformAdmin: false,
  installations: [{ id: INSTALLATION_ID, name: 'demo', role: 'View', expiresAt: null }],
  clients: [],
};
const OWNER: Me = { ...VIEWER, username: 'owner', installations: [{ ...VIEWER.installations[0]!, role: 'Owner' }] };
const INSTALLATION_EDITOR: Me = {
  ...VIEWER,
  username: 'editor',
  installations: [{ ...VIEWER.installations[0]!, role: 'Edit' }],
};
/** An Editor of the client only, with no role on its installation. */
const CLIENT_EDITOR: Me = {
  ...VIEWER,
  username: 'client-editor',
  installations: [],
  clients: [
    {
      id: CLIENT_DETAIL.id,
      name: 'demo-client',
      installationId: INSTALLATION_ID,
      installationName: 'demo',
      role: 'Edit',
      via: 'client',
      expiresAt: null,
    },
  ],
};
const VIEW_ONLY = { ...CLIENT_DETAIL, role: 'View', allowed: ['readInfo', 'readClientUsage'], canDelete: false };
const EDITABLE = {
  ...CLIENT_DETAIL,
  role: 'Edit',
  allowed: ['readInfo', 'readClientUsage', 'readClientLog', 'updateClient', 'manageClientCertificates', 'manageKeys', 'deleteClasses'],
};
const SYNC_URL = '/api/clients/demo-client/sync';
const USAGE_URL = '/api/clients/demo-client/usage';
const EMPTY_PAGE = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-08T00:00:00.000Z', total: 0, skip: 0, take: 50, entries: [] };
const IN_SYNC = {
  state: 'inSync',
  pending: 0,
  lastError: null,
  nextAttemptAt: null,
  oldestChangeAt: null,
  lastDeliveredAt: '2026-01-02T00:00:00.000Z',
  lastDeliveredVersion: 3,
};
const NOT_CONNECTED = { ...IN_SYNC, state: 'notConnected', lastDeliveredAt: null, lastDeliveredVersion: null };

describe('ClientDetail', () => {
  const me = signal<Me | null>(OWNER);
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'clients/:name', component: ClientDetail }]),
        provideAppIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { me } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  async function open(user: Me, client: object): Promise<HTMLElement> {
    me.set(user);
    await harness.navigateByUrl('/clients/demo-client', ClientDetail);
    backend.expectOne('/api/clients/demo-client').flush(client);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  function buttonLabels(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('button'), (button) => button.textContent?.trim() ?? '');
  }

  function tabLabels(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('[role="tab"]'), (tab) => tab.textContent?.trim() ?? '');
  }

  async function openTab(page: HTMLElement, label: string): Promise<void> {
    const tab = Array.from(page.querySelectorAll<HTMLElement>('[role="tab"]')).find(
      (candidate) => candidate.textContent?.trim() === label,
    );
    tab?.click();
    await harness.fixture.whenStable();
  }

  it('shows the name, installation, expiry and role in the header', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('demo-client');
    const facts = Array.from(page.querySelectorAll('dl > div'), (fact) => [
      fact.querySelector('dt')?.textContent?.trim(),
      fact.querySelector('dd')?.textContent?.trim(),
    ]);
    expect(facts).toEqual([
      ['Installation', 'demo'],
      ['Partition', '1 (bws)'],
      ['Expires on', 'Nov 29, 2027'],
      ['Your role', 'Owner'],
    ]);
  });

  it('marks an expired client with an "Expired" chip', async () => {
    const page = await open(OWNER, { ...CLIENT_DETAIL, expired: true, expiresAt: '2024-01-31T00:00:00.000Z' });

    expect(page.querySelector('h1 mat-chip')?.textContent?.trim()).toBe('Expired');
  });

  it('offers everything to an Owner who may delete the client', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);

    expect(tabLabels(page)).toEqual([
      'Usage',
      'Settings',
      'Web API keys',
      'Certificates',
      'Log',
      'Samples',
      'Classes',
      'Permissions',
      'Audit',
    ]);
    await openTab(page, 'Settings');
    expect(buttonLabels(page)).toEqual(expect.arrayContaining(['Save', 'Delete client', 'Transfer / add ownership']));
  });

  it('hides every edit control when allowed lacks the operations', async () => {
    const page = await open(VIEWER, VIEW_ONLY);

    expect(tabLabels(page)).toEqual(['Usage', 'Settings', 'Web API keys', 'Certificates']);
    await openTab(page, 'Settings');
    const labels = buttonLabels(page);
    expect(labels).not.toContain('Save');
    expect(labels).not.toContain('Delete client');
    expect(labels).not.toContain('Transfer / add ownership');
    expect(page.querySelector<HTMLInputElement>('input[formControlName="expiresAt"]')?.disabled).toBe(true);
    expect(page.textContent).toContain('Owners and Editors of this client or its installation change them');
  });

  it('opens on usage, asking for the last 7 days in day buckets', async () => {
    const page = await open(VIEWER, VIEW_ONLY);

    const request = await vi.waitFor(() => backend.expectOne((candidate) => candidate.url === USAGE_URL));
    expect(request.request.params.get('bucket')).toBe('day');
    expect(Date.parse(request.request.params.get('to') ?? '') - Date.parse(request.request.params.get('from') ?? '')).toBe(
      7 * 86_400_000,
    );
    request.flush({ ...USAGE_REPORT, total: 0, successRate: null, series: [], topErrors: [] });
    await vi.waitFor(() => expect(page.textContent).toContain('No calls in this range'));
  });

  it('offers the log, the logged images and the classes only with readClientLog', async () => {
    const withoutLog = EDITABLE.allowed.filter((operation) => operation !== 'readClientLog');

    const page = await open(OWNER, { ...EDITABLE, allowed: withoutLog });

    expect(tabLabels(page)).not.toContain('Log');
    expect(tabLabels(page)).not.toContain('Samples');
    expect(tabLabels(page)).not.toContain('Classes');
    backend.expectNone(
      (candidate) =>
        candidate.url.endsWith('/bwslog') || candidate.url.endsWith('/samples') || candidate.url.endsWith('/classes'),
    );
  });

  it('places Classes after Samples and lists the classes with their delete actions', async () => {
    const page = await open(INSTALLATION_EDITOR, EDITABLE);
    const labels = tabLabels(page);
    expect(labels.indexOf('Classes')).toBe(labels.indexOf('Samples') + 1);

    await openTab(page, 'Classes');
    backend.expectOne((candidate) => candidate.url === '/api/clients/demo-client/classes').flush([CLASS_VIEW]);
    backend.expectOne('/api/clients/demo-client/Face/classcount').flush(1);
    backend.expectOne('/api/clients/demo-client/certificates').flush({ items: [CERTIFICATE_VIEW] });
    await harness.fixture.whenStable();

    expect(page.querySelector('table[aria-label="Enrolled classes"] tbody td')?.textContent?.trim()).toBe('bws.1.42');
    expect(page.textContent).toContain('1 class with Face templates');
    const trigger = page.querySelector('button[aria-label="Delete from class bws.1.42"]');
    expect(trigger?.getAttribute('aria-disabled')).not.toBe('true');
  });

  it('shows the classes without delete actions to readers of the log who may not delete classes', async () => {
    const withoutDelete = EDITABLE.allowed.filter((operation) => operation !== 'deleteClasses');
    const page = await open(INSTALLATION_EDITOR, { ...EDITABLE, allowed: withoutDelete });

    await openTab(page, 'Classes');
    backend.expectOne((candidate) => candidate.url === '/api/clients/demo-client/classes').flush([CLASS_VIEW]);
    backend.expectOne('/api/clients/demo-client/Face/classcount').flush(1);
    await harness.fixture.whenStable();

    expect(page.querySelector('table[aria-label="Enrolled classes"] tbody td')?.textContent?.trim()).toBe('bws.1.42');
    expect(page.querySelector('button[aria-label^="Delete from class"]')).toBeNull();
    backend.expectNone('/api/clients/demo-client/certificates');
  });

  it('shows the log and the logged images to readers of the client log', async () => {
    const page = await open(INSTALLATION_EDITOR, EDITABLE);
    expect(tabLabels(page)).toEqual(expect.arrayContaining(['Log', 'Samples']));

    await openTab(page, 'Log');
    backend.expectOne((candidate) => candidate.url === '/api/clients/demo-client/bwslog').flush(EMPTY_PAGE);
    await harness.fixture.whenStable();
    expect(page.textContent).toContain('No log entries');

    await openTab(page, 'Samples');
    backend.expectOne((candidate) => candidate.url === '/api/clients/demo-client/samples').flush(EMPTY_PAGE);
    await harness.fixture.whenStable();
    expect(page.textContent).toContain('Images are logged only when the client’s “Log images” setting is on.');
  });

  it('explains instead of listing keys when the user may not manage them', async () => {
    const page = await open(VIEWER, VIEW_ONLY);

    await openTab(page, 'Web API keys');

    expect(page.textContent).toContain('Web API keys are managed by Owners and Editors');
    expect(buttonLabels(page)).not.toContain('Create key');
    backend.expectNone('/api/clients/demo-client/keys');
  });

  it('lists attached certificates without attach, detach or download for viewers', async () => {
    const page = await open(VIEWER, VIEW_ONLY);

    await openTab(page, 'Certificates');
    backend.expectOne('/api/clients/demo-client/certificates').flush({ items: [] });
    await harness.fixture.whenStable();

    expect(page.textContent).toContain('No certificate attached');
    expect(buttonLabels(page)).not.toContain('Attach certificate');
    backend.expectNone('/api/clients/demo-client/attachable-certificates');
    backend.expectNone(`/api/installations/${INSTALLATION_ID}/certificates`);
  });

  it("offers to attach the installation's certificates to an Editor of the client alone", async () => {
    const spare = { ...CERTIFICATE_VIEW, id: '6f1c2a8e-0000-4000-8000-0000000000c2', name: 'spare', clients: [] };
    const page = await open(CLIENT_EDITOR, { ...EDITABLE, canDelete: false });

    await openTab(page, 'Certificates');
    backend.expectOne('/api/clients/demo-client/certificates').flush({ items: [CERTIFICATE_VIEW] });
    backend.expectOne('/api/clients/demo-client/attachable-certificates').flush({ items: [CERTIFICATE_VIEW, spare] });
    await harness.fixture.whenStable();

    const attach = Array.from(page.querySelectorAll('button')).find(
      (button) => button.textContent?.trim() === 'Attach certificate',
    );
    expect(attach?.disabled).toBe(false);
    expect(attach?.getAttribute('aria-disabled')).not.toBe('true');
    backend.expectNone(`/api/installations/${INSTALLATION_ID}/certificates`);
  });

  it('shows whether the client is in sync in the header, with Retry for those who may update it', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);
    backend.expectOne(SYNC_URL).flush(NOT_CONNECTED);
    await harness.fixture.whenStable();

    const status = page.querySelector('header app-sync-status');
    expect(status?.querySelector('[role="status"]')?.textContent?.trim()).toBe('Not connected');
    expect(status?.textContent).toContain('The installation has no connection string');
  });

  it('asks for the sync status again once changed settings are saved', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);
    backend.expectOne(SYNC_URL).flush(IN_SYNC);
    await harness.fixture.whenStable();
    expect(page.querySelector('header [role="status"]')?.textContent?.trim()).toBe('In sync');

    await openTab(page, 'Settings');
    page.querySelector<HTMLElement>('mat-slide-toggle button')?.click();
    await harness.fixture.whenStable();
    Array.from(page.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Save')?.click();
    const patch = backend.expectOne('/api/clients/demo-client');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ identification: true });
    patch.flush({ ...CLIENT_DETAIL, identification: true, version: 4 });

    const again = await vi.waitFor(() => backend.expectOne(SYNC_URL));
    again.flush({ ...IN_SYNC, state: 'pending', pending: 1, nextAttemptAt: new Date(Date.now() + 60_000).toISOString() });
    await vi.waitFor(() => expect(page.querySelector('header [role="status"]')?.textContent?.trim()).toBe('Pending (1)'));
  });

  it('lets an installation Owner, whose allowed operations include manageClientOwnership, transfer or add ownership', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);

    const transfer = Array.from(page.querySelectorAll('button')).find(
      (button) => button.textContent?.trim() === 'Transfer / add ownership',
    );
    expect(transfer).toBeDefined();
    expect(transfer?.disabled).toBe(false);
    expect(transfer?.getAttribute('aria-disabled')).not.toBe('true');
  });

  it('lets an installation Editor delete the client but offers no ownership change', async () => {
    const page = await open(INSTALLATION_EDITOR, { ...EDITABLE, canDelete: true });

    const labels = buttonLabels(page);
    expect(labels).toContain('Delete client');
    expect(labels).not.toContain('Transfer / add ownership');
  });

  it("offers a client Owner the client's permissions, but not its Owners", async () => {
    const clientOwner = { ...CLIENT_DETAIL, allowed: [...EDITABLE.allowed, 'manageClientPermissions'], canDelete: false };
    const page = await open({ ...CLIENT_EDITOR, username: 'client-owner' }, clientOwner);
    expect(buttonLabels(page)).not.toContain('Transfer / add ownership');

    await openTab(page, 'Permissions');
    const owner = { ...EDITOR, id: '6f1c2a8e-0000-4000-8000-000000000021', username: 'client-owner', displayName: 'Carla Owner' };
    const grant = { expiresAt: null, expired: false, grantedBy: 'owner', createdAt: '2026-01-01T00:00:00.000Z' };
    backend.expectOne('/api/clients/demo-client/permissions').flush({
      items: [
        { ...grant, user: owner, role: 'Owner' },
        { ...grant, user: EDITOR, role: 'Edit' },
      ],
    });
    await harness.fixture.whenStable();

    const labels = Array.from(page.querySelectorAll('button[aria-label]'), (button) => button.getAttribute('aria-label'));
    expect(labels).toEqual(expect.arrayContaining(['Change role of Eddie Editor (editor)', 'Revoke access of Eddie Editor (editor)']));
    expect(labels.filter((label) => label?.includes('Carla Owner'))).toEqual([]);
    expect(page.textContent).toContain("Changed by the installation's Owners");
  });

  it('loads the keys when the user may manage them', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);

    await openTab(page, 'Web API keys');
    backend.expectOne('/api/clients/demo-client/keys').flush({ items: [] });
    await vi.waitFor(() => expect(page.textContent).toContain('No Web API keys yet'));

    expect(buttonLabels(page)).toContain('Create key');
  });
});
