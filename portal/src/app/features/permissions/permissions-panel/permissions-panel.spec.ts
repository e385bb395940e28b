import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { EDITOR, EDITOR_ID } from '../../../testing/api-samples';
import { PermissionsPanel } from './permissions-panel';

const URL = '/api/clients/demo-client/permissions';
const SUPPORT = {
  user: { ...EDITOR, id: '6f1c2a8e-0000-4000-8000-000000000014', username: 'support', displayName: 'Sam Support' },
  role: 'Support',
  expiresAt: '2026-02-01T00:00:00.000Z',
  expired: true,
  grantedBy: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const EDIT = { user: EDITOR, role: 'Edit', expiresAt: null, expired: false, grantedBy: null, createdAt: '2026-01-01T00:00:00.000Z' };

describe('PermissionsPanel', () => {
  let fixture: ComponentFixture<PermissionsPanel>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PermissionsPanel],
      providers: [provideAppIcons(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PermissionsPanel);
    fixture.componentRef.setInput('target', { kind: 'client', name: 'demo-client' });
    fixture.componentRef.setInput('objectKind', 'client');
    await fixture.whenStable();
    backend.expectOne(URL).flush({ items: [EDIT, SUPPORT] });
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  function rows(): string[][] {
    return Array.from(page.querySelectorAll('tbody tr.mat-mdc-row'), (row) =>
      Array.from(row.querySelectorAll('td'), (cell) => {
        const lines = cell.querySelectorAll(':scope > div');
        const text = lines.length ? Array.from(lines, (line) => line.textContent).join(' ') : cell.textContent;
        return text?.replace(/\s+/g, ' ').trim() ?? '';
      }),
    );
  }

  it('lists users with role, end and grantor, marking expired grants', () => {
    expect(rows().map((cells) => cells.slice(0, 4))).toEqual([
      ['Eddie Editor editor · editor@demo.local', 'Edit', 'No end', '—'],
      ['Sam Support support · editor@demo.local', 'Support', 'Feb 1, 2026 Expired', 'owner'],
    ]);
  });

  it('filters by name', async () => {
    const filter = page.querySelector<HTMLInputElement>('input[type="search"]');
    if (!filter) throw new Error('no filter');
    filter.value = 'sam';
    filter.dispatchEvent(new Event('input'));
    await fixture.whenStable();

    expect(rows().map((cells) => cells[1])).toEqual(['Support']);
  });

  it('offers change and revoke on Owner rows only to those who may manage Owners', async () => {
    const owner = { ...EDIT, user: { ...EDITOR, id: '6f1c2a8e-0000-4000-8000-000000000021', username: 'carla', displayName: 'Carla Owner' }, role: 'Owner' };
    const actions = () => Array.from(page.querySelectorAll('button[aria-label]'), (button) => button.getAttribute('aria-label'));
    fixture.componentRef.setInput('target', { kind: 'client', name: 'second-client' });
    await fixture.whenStable();
    backend.expectOne('/api/clients/second-client/permissions').flush({ items: [owner, EDIT] });
    await fixture.whenStable();
    expect(actions()).toContain('Revoke access of Carla Owner (carla)');

    fixture.componentRef.setInput('canManageOwners', false);
    await fixture.whenStable();

    expect(actions()).toEqual(['Change role of Eddie Editor (editor)', 'Revoke access of Eddie Editor (editor)']);
    expect(rows()[0]?.[4]).toBe("Changed by the installation's Owners");
  });

  it('revokes after confirmation and reloads', async () => {
    page.querySelector<HTMLButtonElement>('button[aria-label="Revoke access of Eddie Editor (editor)"]')?.click();
    const confirm = await vi.waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')).find(
        (button) => button.textContent?.trim() === 'Revoke access',
      );
      if (!found) throw new Error('no confirmation yet');
      return found;
    });
    backend.expectNone(`${URL}/${EDITOR_ID}`);

    confirm.click();

    const request = await vi.waitFor(() => backend.expectOne(`${URL}/${EDITOR_ID}`));
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    (await vi.waitFor(() => backend.expectOne(URL))).flush({ items: [SUPPORT] });
    await vi.waitFor(() => expect(document.body.textContent).toContain('Access revoked'));
  });
});
