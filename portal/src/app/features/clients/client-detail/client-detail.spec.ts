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
import { CLIENT_DETAIL, INSTALLATION_ID } from '../../../testing/api-samples';
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
const VIEW_ONLY = { ...CLIENT_DETAIL, role: 'View', allowed: ['readInfo', 'readClientUsage'], canDelete: false };

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

    expect(tabLabels(page)).toEqual(['Settings', 'Web API keys', 'Certificates', 'Permissions', 'Audit']);
    expect(buttonLabels(page)).toEqual(expect.arrayContaining(['Save', 'Delete client', 'Transfer / add ownership']));
  });

  it('hides every edit control when allowed lacks the operations', async () => {
    const page = await open(VIEWER, VIEW_ONLY);

    expect(tabLabels(page)).toEqual(['Settings', 'Web API keys', 'Certificates']);
    const labels = buttonLabels(page);
    expect(labels).not.toContain('Save');
    expect(labels).not.toContain('Delete client');
    expect(labels).not.toContain('Transfer / add ownership');
    expect(page.querySelector<HTMLInputElement>('input[formControlName="expiresAt"]')?.disabled).toBe(true);
    expect(page.textContent).toContain('Owners and Editors of this client or its installation change them');
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
    backend.expectOne(`/api/installations/${INSTALLATION_ID}/certificates`).flush({ items: [] });
    await harness.fixture.whenStable();

    expect(page.textContent).toContain('No certificate attached');
    expect(buttonLabels(page)).not.toContain('Attach certificate');
  });

  it('loads the keys when the user may manage them', async () => {
    const page = await open(OWNER, CLIENT_DETAIL);

    await openTab(page, 'Web API keys');
    backend.expectOne('/api/clients/demo-client/keys').flush({ items: [] });
    await vi.waitFor(() => expect(page.textContent).toContain('No Web API keys yet'));

    expect(buttonLabels(page)).toContain('Create key');
  });
});
