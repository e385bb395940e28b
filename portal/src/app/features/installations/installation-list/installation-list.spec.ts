import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';

import { AuthStore } from '../../../core/auth/auth-store';
import { Me } from '../../../core/auth/me';
import { provideAppIcons } from '../../../core/layout/app-icons';
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
});
