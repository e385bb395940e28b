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
import { ALL_INSTALLATION_OPERATIONS, INSTALLATION_ID, INSTALLATION_VIEW } from '../../../testing/api-samples';
import { InstallationDetail } from './installation-detail';

const URL = `/api/installations/${INSTALLATION_ID}`;
const OWNER: Me = {
  id: '6f1c2a8e-0000-4000-8000-000000000010',
  username: 'owner',
  displayName: 'Olivia Owner',
  email: null,
  isPlatformAdmin: false,
  installations: [{ id: INSTALLATION_ID, name: 'demo', role: 'Owner', expiresAt: null }],
  clients: [],
};

describe('InstallationDetail', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'installations/:id', component: InstallationDetail }]),
        provideAppIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { me: signal(OWNER) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  async function open(allowed: readonly string[]): Promise<HTMLElement> {
    await harness.navigateByUrl(`/installations/${INSTALLATION_ID}`, InstallationDetail);
    backend.expectOne(URL).flush({ ...INSTALLATION_VIEW, allowed });
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  function tabLabels(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('[role="tab"]'), (tab) => tab.textContent?.trim() ?? '');
  }

  async function openTab(page: HTMLElement, label: string): Promise<void> {
    Array.from(page.querySelectorAll<HTMLElement>('[role="tab"]'))
      .find((tab) => tab.textContent?.trim() === label)
      ?.click();
    await harness.fixture.whenStable();
  }

  it('offers usage, the log and diagnostics to those allowed to read them', async () => {
    const page = await open(ALL_INSTALLATION_OPERATIONS);

    expect(tabLabels(page)).toEqual([
      'Overview',
      'Usage',
      'Clients',
      'Certificates',
      'Log',
      'Diagnostics',
      'Permissions',
      'Audit',
    ]);
  });

  it('hides usage without readInstanceUsage and the log and diagnostics without readInstallationLog', async () => {
    const page = await open(['readInfo']);

    expect(tabLabels(page)).toEqual(['Overview', 'Clients', 'Certificates', 'Audit']);
  });

  it('charts the usage per instance', async () => {
    const page = await open(ALL_INSTALLATION_OPERATIONS);

    await openTab(page, 'Usage');

    const request = await vi.waitFor(() => backend.expectOne((candidate) => candidate.url === `${URL}/usage`));
    expect(request.request.params.get('bucket')).toBe('day');
  });

  it('lists the diagnostics', async () => {
    const page = await open(ALL_INSTALLATION_OPERATIONS);

    await openTab(page, 'Diagnostics');
    backend.expectOne(`${URL}/diagnostics`).flush({ entries: [] });
    await harness.fixture.whenStable();

    expect(page.textContent).toContain('No problems recorded');
  });
});
