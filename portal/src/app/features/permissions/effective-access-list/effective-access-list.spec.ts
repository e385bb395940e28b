import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';

import { EDITOR, INSTALLATION_ID } from '../../../testing/api-samples';
import { EffectiveAccessList } from './effective-access-list';

const URL = '/api/clients/demo-client/access';
const user = (username: string, displayName: string) => ({ ...EDITOR, id: `id-${username}`, username, displayName });
const installation = { id: INSTALLATION_ID, name: 'demo' };
const inherited = (username: string, displayName: string, role: string) => ({
  user: user(username, displayName),
  role,
  source: 'installation',
  expiresAt: role === 'Support' ? '2027-03-01T00:00:00.000Z' : null,
  installation,
});
const ACCESS = [
  { user: user('carl', 'Carl Client'), role: 'Edit', source: 'direct', expiresAt: null, installation: null },
  inherited('owner', 'Olivia Owner', 'Owner'),
  inherited('editor', 'Eddie Editor', 'Edit'),
  inherited('support', 'Sam Support', 'Support'),
  inherited('viewer', 'Vera Viewer', 'View'),
  { user: user('admin', 'Ada Admin'), role: 'Owner', source: 'platformAdmin', expiresAt: null, installation: null },
];

describe('EffectiveAccessList', () => {
  let fixture: ComponentFixture<EffectiveAccessList>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [EffectiveAccessList],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EffectiveAccessList);
    fixture.componentRef.setInput('target', { kind: 'client', name: 'demo-client' });
    fixture.componentRef.setInput('objectKind', 'client');
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  function rows(): string[] {
    return Array.from(page.querySelectorAll('li'), (row) =>
      Array.from(row.querySelectorAll('.name, .secondary, .role, .source'), (part) => part.textContent?.trim())
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }

  it('shows the four roles inherited from the installation, marked and linked, and the platform administrator', async () => {
    backend.expectOne(URL).flush({ items: ACCESS });
    await fixture.whenStable();

    expect(rows()).toEqual([
      'Olivia Owner owner Owner Inherited from installation demo',
      'Eddie Editor editor Edit Inherited from installation demo',
      'Sam Support support Support Inherited from installation demo (until 2027-03-01)',
      'Vera Viewer viewer View Inherited from installation demo',
      'Ada Admin admin Everything Platform administrator',
    ]);
    const link = page.querySelector<HTMLAnchorElement>('li a');
    expect(link?.getAttribute('href')).toBe(`/installations/${INSTALLATION_ID}?tab=permissions`);
  });

  it('says so when only the direct grants reach the client', async () => {
    backend.expectOne(URL).flush({ items: ACCESS.slice(0, 1) });
    await fixture.whenStable();

    expect(rows()).toEqual([]);
    expect(page.textContent).toContain('Nobody else');
  });

  it('asks again when the grants change', async () => {
    backend.expectOne(URL).flush({ items: ACCESS });
    await fixture.whenStable();
    fixture.componentRef.setInput('grants', [{}]);
    await fixture.whenStable();

    backend.expectOne(URL).flush({ items: ACCESS.slice(5) });
    await fixture.whenStable();
    expect(rows()).toEqual(['Ada Admin admin Everything Platform administrator']);
  });
});
