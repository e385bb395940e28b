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

  it('shows the BFF message for a name that is taken', async () => {
    const container = await open();
    type(container, 'input[formControlName="name"]', 'demo-client');

    submit(container);
    (await vi.waitFor(() => backend.expectOne('/api/clients'))).flush(
      { Message: "A client named 'demo-client' already exists.", Code: 'Conflict' },
      { status: 409, statusText: 'Conflict' },
    );

    await vi.waitFor(() =>
      expect(container.querySelector('[role="alert"]')?.textContent).toContain("A client named 'demo-client' already exists."),
    );
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
