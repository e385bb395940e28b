import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { EDITOR, EDITOR_ID } from '../../../testing/api-samples';
import { Permission } from '../permission';
import { PermissionsStore } from '../permissions-store';
import { GrantOutcome, GrantPermissionDialog, GrantPermissionDialogData } from './grant-permission-dialog';

const PERMISSIONS_URL = '/api/clients/demo-client/permissions';
const EDITOR_GRANT: Permission = {
  user: EDITOR,
  role: 'Edit',
  expiresAt: null,
  expired: false,
  grantedBy: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('GrantPermissionDialog', () => {
  let backend: HttpTestingController;
  let ref: MatDialogRef<GrantPermissionDialog, GrantOutcome>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [PermissionsStore, provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(PermissionsStore).load({ kind: 'client', name: 'demo-client' });
    backend.expectOne(PERMISSIONS_URL).flush({ items: [] });
  });

  async function open(existing: Permission | null, canGrantOwner = true): Promise<HTMLElement> {
    ref = TestBed.inject(MatDialog).open<GrantPermissionDialog, GrantPermissionDialogData, GrantOutcome>(
      GrantPermissionDialog,
      { data: { existing, objectKind: 'client', canGrantOwner } },
    );
    const container = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('form')) throw new Error('dialog not rendered yet');
      return found;
    });
    await stable();
    return container;
  }

  async function stable(): Promise<void> {
    await TestBed.inject(ApplicationRef).whenStable();
  }

  function button(container: HTMLElement, label: string): HTMLButtonElement {
    const found = Array.from(container.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  function type(input: HTMLInputElement | null, text: string): void {
    if (!input) throw new Error('no such field');
    input.value = text;
    input.dispatchEvent(new Event('input'));
  }

  async function chooseRole(container: HTMLElement, role: string): Promise<void> {
    container.querySelector<HTMLElement>('mat-select .mat-mdc-select-trigger')?.click();
    const option = await vi.waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((candidate) =>
        candidate.textContent?.trim().startsWith(`${role}:`),
      );
      if (!found) throw new Error(`no option ${role}`);
      return found;
    });
    option.click();
    await stable();
  }

  function grantRequests(): TestRequest[] {
    return backend.match((request) => request.method === 'PUT');
  }

  it('requires an end date for Support and sends it as midnight UTC of the chosen day', async () => {
    const container = await open(EDITOR_GRANT);
    await chooseRole(container, 'Support');

    button(container, 'Save role').click();
    await stable();

    expect(container.querySelector('mat-error')?.textContent).toContain('Support access needs an end date');
    expect(grantRequests()).toHaveLength(0);

    type(container.querySelector<HTMLInputElement>('input[formControlName="expiresAt"]'), '1/15/2030');
    await stable();
    button(container, 'Save role').click();

    const put = await vi.waitFor(() => backend.expectOne(`${PERMISSIONS_URL}/${EDITOR_ID}`));
    expect(put.request.body).toEqual({ role: 'Support', expiresAt: '2030-01-15T00:00:00.000Z' });
    put.flush({ user: EDITOR, role: 'Support', expiresAt: '2030-01-15T00:00:00.000Z' });
    (await vi.waitFor(() => backend.expectOne(PERMISSIONS_URL))).flush({ items: [] });
    await vi.waitFor(() => expect(document.querySelector('mat-dialog-container')).toBeNull());
  });

  it('needs no end date for other roles', async () => {
    const container = await open(EDITOR_GRANT);
    await chooseRole(container, 'View');

    button(container, 'Save role').click();

    const put = await vi.waitFor(() => backend.expectOne(`${PERMISSIONS_URL}/${EDITOR_ID}`));
    expect(put.request.body).toEqual({ role: 'View', expiresAt: null });
  });

  it('grants to a user picked from the suggestions', async () => {
    const container = await open(null);
    const userField = container.querySelector<HTMLInputElement>('app-user-picker input');
    userField?.focus();
    type(userField, 'Eddie');

    const search = await vi.waitFor(() => {
      const found = backend.match((request) => request.url === '/api/users' && request.params.get('q') === 'Eddie');
      if (found.length === 0) throw new Error('no search yet');
      return found[0]!;
    });
    search.flush({ items: [EDITOR], nextCursor: null });
    const option = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-option');
      if (!found?.textContent?.includes('Eddie Editor')) throw new Error('no suggestion yet');
      return found;
    });
    option.click();
    await stable();
    expect(userField?.value).toBe('Eddie Editor (editor)');

    button(container, 'Grant').click();

    const put = await vi.waitFor(() => backend.expectOne(`${PERMISSIONS_URL}/${EDITOR_ID}`));
    expect(put.request.body).toEqual({ role: 'View', expiresAt: null });
    put.flush({ user: EDITOR, role: 'View', expiresAt: null });
    (await vi.waitFor(() => backend.expectOne(PERMISSIONS_URL))).flush({ items: [] });
    await expect(firstValueFrom(ref.afterClosed())).resolves.toBe('granted');
  });

  async function roleOptions(container: HTMLElement): Promise<string[]> {
    container.querySelector<HTMLElement>('mat-select .mat-mdc-select-trigger')?.click();
    return vi.waitFor(() => {
      const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'), (option) => option.textContent?.split(':')[0]?.trim() ?? '');
      if (options.length === 0) throw new Error('no options yet');
      return options;
    });
  }

  it('offers the Owner role to those who may change ownership', async () => {
    expect(await roleOptions(await open(null, true))).toEqual(['Owner', 'Edit', 'Support', 'View']);
  });

  it("offers a client Owner every role but Owner, saying who chooses Owners", async () => {
    const container = await open(null, false);
    expect(await roleOptions(container)).toEqual(['Edit', 'Support', 'View']);
    expect(container.textContent).toContain("Owners are chosen by the installation's Owners.");
  });

  it('does not grant to typed text that names no chosen user', async () => {
    const container = await open(null);
    type(container.querySelector<HTMLInputElement>('app-user-picker input'), 'nobody');
    await stable();

    button(container, 'Grant').click();
    await stable();

    expect(container.textContent).toContain('Choose a user from the suggestions');
    expect(grantRequests()).toHaveLength(0);
  });

  it('shows the reason when the BFF refuses the grant', async () => {
    const container = await open(EDITOR_GRANT);
    button(container, 'Save role').click();

    const put = await vi.waitFor(() => backend.expectOne(`${PERMISSIONS_URL}/${EDITOR_ID}`));
    put.flush({ Message: 'You do not have permission to do this.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });

    await vi.waitFor(() =>
      expect(container.querySelector('[role="alert"]')?.textContent).toContain('You do not have permission to do this.'),
    );
  });
});
