import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { CLIENT_DETAIL, EDITOR, EDITOR_ID, INSTALLATION_ID } from '../../../testing/api-samples';
import { ClientsStore } from '../clients-store';
import { NewClientDialog, NewClientDialogData } from './new-client-dialog';

describe('NewClientDialog', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ClientsStore, provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });

  async function open(canPickOwner = false): Promise<HTMLElement> {
    TestBed.inject(MatDialog).open<NewClientDialog, NewClientDialogData>(NewClientDialog, {
      data: { installationId: INSTALLATION_ID, installationName: 'demo', storages: ['bws', 'archive'], canPickOwner },
    });
    const container = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('form')) throw new Error('dialog not rendered yet');
      return found;
    });
    await TestBed.inject(ApplicationRef).whenStable();
    return container;
  }

  function type(container: HTMLElement, selector: string, text: string): void {
    const input = container.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no field ${selector}`);
    input.value = text;
    input.dispatchEvent(new Event('input'));
  }

  function submit(container: HTMLElement): void {
    Array.from(container.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Create client')?.click();
  }

  it('creates a client in the next free partition of the first storage by default', async () => {
    const container = await open();
    type(container, 'input[formControlName="name"]', 'kiosk-app');

    submit(container);

    const post = await vi.waitFor(() => backend.expectOne('/api/clients'));
    expect(post.request.body).toMatchObject({
      name: 'kiosk-app',
      installationId: INSTALLATION_ID,
      storage: 'bws',
      partition: 'next',
      identification: false,
      logging: { logImages: false, level: 'info', retentionDays: 30 },
    });
    expect(new Date(post.request.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(post.request.body).not.toHaveProperty('ownerUserId');
    post.flush({ ...CLIENT_DETAIL, name: 'kiosk-app' }, { status: 201, statusText: 'Created' });
  });

  it('sends a typed partition number', async () => {
    const container = await open();
    type(container, 'input[formControlName="name"]', 'kiosk-app');
    container.querySelectorAll<HTMLInputElement>('mat-radio-button input')[1]?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    type(container, 'input[formControlName="partition"]', '7');

    submit(container);

    const post = await vi.waitFor(() => backend.expectOne('/api/clients'));
    expect(post.request.body.partition).toBe(7);
  });

  it('shows a taken name at the name field, which takes the focus', async () => {
    const container = await open();
    // The dialog takes the focus once it has opened; only then does a refusal move it.
    await vi.waitFor(() => expect(document.activeElement).toBe(container));
    type(container, 'input[formControlName="name"]', 'demo-client');

    submit(container);
    (await vi.waitFor(() => backend.expectOne('/api/clients'))).flush(
      { Message: "A client named 'demo-client' already exists.", Code: 'Conflict' },
      { status: 409, statusText: 'Conflict' },
    );

    const nameField = container.querySelector('input[formControlName="name"]')?.closest('mat-form-field');
    await vi.waitFor(() =>
      expect(nameField?.querySelector('mat-error')?.textContent).toContain("A client named 'demo-client' already exists."),
    );
    expect(container.querySelector('p[role="alert"]')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('formcontrolname')).toBe('name'));
  });

  it('shows a refusal that names no field above the fields, where it is in view', async () => {
    const container = await open();
    type(container, 'input[formControlName="name"]', 'kiosk-app');

    submit(container);
    (await vi.waitFor(() => backend.expectOne('/api/clients'))).flush(
      { Message: 'Another client took the next free partition at the same moment. Try again.', Code: 'Conflict' },
      { status: 409, statusText: 'Conflict' },
    );

    const alert = await vi.waitFor(() => {
      const found = container.querySelector('p[role="alert"]');
      if (!found) throw new Error('no alert yet');
      return found;
    });
    expect(alert.textContent).toContain('Another client took the next free partition');
    const firstField = container.querySelector('mat-form-field');
    expect(alert.compareDocumentPosition(firstField as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('asks for a valid name before sending anything', async () => {
    const container = await open();
    type(container, 'input[formControlName="name"]', '-bad name');

    submit(container);
    await TestBed.inject(ApplicationRef).whenStable();

    expect(container.querySelector('mat-error')?.textContent).toContain('starting with a letter or digit');
    backend.expectNone('/api/clients');
  });

  it('offers no owner picker to those who may not choose a client Owner (installation Editors)', async () => {
    expect((await open(false)).querySelector('app-user-picker')).toBeNull();
  });

  it("sends the Owner an installation Owner picked from the suggestions", async () => {
    const container = await open(true);
    type(container, 'input[formControlName="name"]', 'kiosk-app');
    const ownerField = container.querySelector<HTMLInputElement>('app-user-picker input');
    ownerField?.focus();
    type(container, 'app-user-picker input', 'Eddie');
    const search = await vi.waitFor(() => backend.expectOne((request) => request.url === '/api/users'));
    expect(search.request.params.get('q')).toBe('Eddie');
    search.flush({ items: [EDITOR], nextCursor: null });
    const option = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-option');
      if (!found?.textContent?.includes('Eddie Editor')) throw new Error('no suggestion yet');
      return found;
    });
    option.click();
    await TestBed.inject(ApplicationRef).whenStable();

    submit(container);

    const post = await vi.waitFor(() => backend.expectOne('/api/clients'));
    expect(post.request.body).toMatchObject({ name: 'kiosk-app', ownerUserId: EDITOR_ID });
  });
});
