import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AuthStore } from '../../auth/auth-store';
import { Me } from '../../auth/me';
import { TimeZoneStore } from '../../../shared/time/time-zone-store';
import { provideAppIcons } from '../app-icons';
import { Shell } from './shell';

const OWNER: Me = {
  id: '6f1c2a8e-0000-4000-8000-000000000010',
  username: 'owner',
  displayName: 'Olivia Owner',
  email: 'owner@demo.local',
  isPlatformAdmin: false,
  installations: [{ id: '6f1c2a8e-0000-4000-8000-0000000000aa', name: 'demo', role: 'Owner', expiresAt: null }],
  clients: [],
};
const CLIENT_DEVELOPER: Me = { ...OWNER, username: 'dev', displayName: 'Dana Developer', installations: [] };

describe('Shell', () => {
  const me = signal<Me | null>(null);
  const signOut = vi.fn(async () => undefined);
  let fixture: ComponentFixture<Shell>;

  beforeEach(() => {
    me.set(null);
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([]),
        provideAppIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { me, loading: signal(false), signOut } },
      ],
    });
    fixture = TestBed.createComponent(Shell);
  });

  async function render(user: Me): Promise<HTMLElement> {
    me.set(user);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function navLabels(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('nav a'), (link) => link.textContent?.trim() ?? '');
  }

  it('shows the app title and the user name on the "Account menu" button', async () => {
    const page = await render(OWNER);

    expect(page.querySelector('.app-title')?.textContent).toBe('BWS Portal');
    const account = page.querySelector('button[aria-label^="Account menu"]');
    expect(account?.textContent).toContain('Olivia Owner');
  });

  it('keeps the toolbar, its title and the search inside the banner landmark', async () => {
    const page = await render(OWNER);

    const banner = page.querySelector('header');
    expect(banner?.querySelector('.app-title')?.textContent).toBe('BWS Portal');
    expect(banner?.querySelector('[role="search"] input')?.getAttribute('aria-keyshortcuts')).toBe('/ Control+K');
  });

  it('switches every time shown to UTC and back from the account menu', async () => {
    const page = await render(OWNER);
    const zones = TestBed.inject(TimeZoneStore);
    zones.set('local');
    page.querySelector<HTMLButtonElement>('button[aria-label^="Account menu"]')?.click();
    await fixture.whenStable();

    const toggle = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')).find((item) =>
      item.textContent?.includes('Show times in UTC'),
    );
    toggle?.click();
    await fixture.whenStable();

    expect(zones.zone()).toBe('UTC');
    expect(localStorage.getItem('bws-portal.time-zone')).toBe('utc');
    zones.set('local');
  });

  it('offers Installations, the audit log and the playground to Owners of an installation', async () => {
    expect(navLabels(await render(OWNER))).toEqual(['Clients', 'Installations', 'Audit log', 'Playground']);
  });

  it('offers the overview, Installations and the audit log to platform administrators', async () => {
    expect(navLabels(await render({ ...CLIENT_DEVELOPER, isPlatformAdmin: true }))).toEqual([
      'Overview',
      'Clients',
      'Installations',
      'Audit log',
      'Playground',
    ]);
  });

  it('hides the audit log from users who own nothing', async () => {
    const viewer: Me = { ...OWNER, installations: [{ ...OWNER.installations[0]!, role: 'View' }] };

    expect(navLabels(await render(viewer))).toEqual(['Clients', 'Installations', 'Playground']);
  });

  it('offers the audit log to Owners of a single client', async () => {
    const clientOwner: Me = {
      ...CLIENT_DEVELOPER,
      clients: [
        {
          id: '6f1c2a8e-0000-4000-8000-000000000001',
          name: 'demo-client',
          installationId: '6f1c2a8e-0000-4000-8000-0000000000aa',
          installationName: 'demo',
          role: 'Owner',
          via: 'client',
          expiresAt: null,
        },
      ],
    };

    expect(navLabels(await render(clientOwner))).toEqual(['Clients', 'Audit log', 'Playground']);
  });

  it('hides Installations from users with client roles only, and offers them the playground', async () => {
    expect(navLabels(await render(CLIENT_DEVELOPER))).toEqual(['Clients', 'Playground']);
  });

  it('links the overview at /overview for platform administrators only', async () => {
    const page = await render({ ...OWNER, isPlatformAdmin: true });

    const link = Array.from(page.querySelectorAll<HTMLAnchorElement>('nav a')).find((candidate) =>
      candidate.textContent?.includes('Overview'),
    );
    expect(link?.getAttribute('href')).toBe('/overview');
    expect(link?.querySelector('mat-icon')?.getAttribute('data-mat-icon-name')).toBe('dashboard');
  });

  it('links the playground with its icon', async () => {
    const page = await render(CLIENT_DEVELOPER);

    const link = Array.from(page.querySelectorAll<HTMLAnchorElement>('nav a')).find((candidate) =>
      candidate.textContent?.includes('Playground'),
    );
    expect(link?.getAttribute('href')).toBe('/playground');
    expect(link?.querySelector('mat-icon')?.getAttribute('data-mat-icon-name')).toBe('face');
  });

  it('shows the platform administrator badge and signs out from the account menu', async () => {
    const page = await render({ ...OWNER, isPlatformAdmin: true });

    page.querySelector<HTMLButtonElement>('button[aria-label^="Account menu"]')?.click();
    await fixture.whenStable();
    const menu = document.querySelector('.mat-mdc-menu-panel');
    expect(menu?.textContent).toContain('Platform administrator');
    expect(menu?.textContent).toContain('owner');
    const signOutItem = Array.from(menu?.querySelectorAll('button') ?? []).find((item) =>
      item.textContent?.includes('Sign out'),
    );
    signOutItem?.click();

    expect(signOut).toHaveBeenCalledTimes(1);
  });
});
