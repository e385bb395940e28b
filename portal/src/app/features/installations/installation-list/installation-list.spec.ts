import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AuthStore } from '../../../core/auth/auth-store';
import { Me } from '../../../core/auth/me';
import { provideAppIcons } from '../../../core/layout/app-icons';
import { FAILED_IMPORT_REPORT, INSTALLATION_ID, INSTALLATION_VIEW } from '../../../testing/api-samples';
import { InstallationsStore } from '../installations-store';
import { InstallationList } from './installation-list';

const OWNER: Me = {
  id: '6f1c2a8e-0000-4000-8000-000000000010',
  username: 'owner',
  displayName: 'Olivia Owner',
  email: 'owner@demo.local',
  isPlatformAdmin: false,
  installations: [{ id: '6f1c2a8e-0000-4000-8000-0000000000aa', name: 'demo', role: 'Owner', expiresAt: null }],
  clients: [],
};
const DEMO = {
  id: '6f1c2a8e-0000-4000-8000-0000000000aa',
  name: 'demo',
  endpointUrls: ['https://bws.example.com'],
  storages: ['bws', 'archive'],
  clientCount: 2,
  role: 'Owner',
};

@Component({ template: '' })
class InstallationPageStub {}

describe('InstallationList', () => {
  const me = signal<Me | null>(OWNER);
  let fixture: ComponentFixture<InstallationList>;
  let backend: HttpTestingController;

  beforeEach(() => {
    me.set(OWNER);
    TestBed.configureTestingModule({
      imports: [InstallationList],
      providers: [
        InstallationsStore,
        provideRouter([]),
        provideAppIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { me } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InstallationList);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
  });

  async function answerWith(body: object): Promise<HTMLElement> {
    backend.expectOne('/api/installations').flush(body);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function buttonLabels(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('button'), (button) => button.textContent?.trim() ?? '');
  }

  it('lists installations with endpoints, storages, client count and role', async () => {
    const page = await answerWith({ items: [DEMO], total: 1 });

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Installations');
    const cells = Array.from(page.querySelectorAll('tbody [role="cell"]'), (cell) => cell.textContent?.trim());
    expect(cells).toEqual(['demo', 'https://bws.example.com', 'bws, archive', '2', 'Owner']);
  });

  it('links each installation to its detail page', async () => {
    const page = await answerWith({ items: [DEMO], total: 1 });

    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe(`/installations/${DEMO.id}`);
  });

  it('shows the empty state, saying who creates installations, when there are none', async () => {
    const page = await answerWith({ items: [], total: 0 });

    const empty = page.querySelector('app-empty-state')?.textContent ?? '';
    expect(empty).toContain('No installations yet');
    expect(empty).toContain('platform administrators');
  });

  it('offers "New installation" to platform administrators only', async () => {
    const page = await answerWith({ items: [DEMO], total: 1 });
    expect(buttonLabels(page)).not.toContain('New installation');

    me.set({ ...OWNER, isPlatformAdmin: true });
    await fixture.whenStable();

    expect(buttonLabels(page)).toContain('New installation');
  });

  it('opens the new installation and shows the import report of its connection string', async () => {
    TestBed.inject(Router).resetConfig([{ path: 'installations/:id', component: InstallationPageStub }]);
    me.set({ ...OWNER, isPlatformAdmin: true });
    const page = await answerWith({ items: [], total: 0 });

    Array.from(page.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'New installation')?.click();
    const dialog = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('form')) throw new Error('dialog not rendered yet');
      return found;
    });
    await TestBed.inject(ApplicationRef).whenStable();
    const values = { name: 'lab-2', connectionString: 'mongodb://bws:s3cret@unreachable:27017/bws' };
    for (const [name, value] of Object.entries(values)) {
      const field = dialog.querySelector<HTMLInputElement>(`input[formControlName="${name}"]`);
      if (!field) throw new Error(`no field ${name}`);
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    Array.from(dialog.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Create installation')?.click();

    const post = backend.expectOne((request) => request.method === 'POST' && request.url === '/api/installations');
    expect(post.request.body).toMatchObject({ name: 'lab-2', connectionString: 'mongodb://bws:s3cret@unreachable:27017/bws' });
    post.flush({ ...INSTALLATION_VIEW, name: 'lab-2', importReport: FAILED_IMPORT_REPORT }, { status: 201, statusText: 'Created' });
    (await vi.waitFor(() => backend.expectOne('/api/installations'))).flush({ items: [], total: 0 });

    const report = await vi.waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('mat-dialog-container')).find(
        (container) => container.querySelector('h2')?.textContent?.trim() === 'Import report',
      );
      if (!found) throw new Error('no import report yet');
      return found;
    });
    expect(TestBed.inject(Router).url).toBe(`/installations/${INSTALLATION_ID}`);
    await TestBed.inject(ApplicationRef).whenStable();
    expect(report.textContent).toContain('could not read the installation’s database');
  });
});
