import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { KEY_VIEW } from '../../../testing/api-samples';
import { ClientKeys } from './client-keys';

const KEYS_URL = '/api/clients/demo-client/keys';
const SECRET = 'once-only-secret-7f3a';

describe('ClientKeys', () => {
  let fixture: ComponentFixture<ClientKeys>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ClientKeys],
      providers: [provideAppIcons(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ClientKeys);
    fixture.componentRef.setInput('clientName', 'demo-client');
    await fixture.whenStable();
    backend.expectOne(KEYS_URL).flush({ items: [KEY_VIEW, { ...KEY_VIEW, appId: 'app-old', status: 'revoked' }] });
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  function button(root: ParentNode, label: string): HTMLButtonElement {
    const found = Array.from(root.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  it('lists keys with their status and offers rotate and revoke only for working keys', () => {
    const rows = Array.from(page.querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['app-1234', 'app-old']);
    expect(rows[0]?.textContent).toContain('Active');
    expect(rows[0]?.querySelectorAll('button')).toHaveLength(2);
    expect(rows[1]?.textContent).toContain('Revoked');
    expect(rows[1]?.querySelectorAll('button')).toHaveLength(0);
  });

  it('shows a new key’s secret once in the dialog and forgets it when the dialog closes', async () => {
    const changed = vi.fn();
    fixture.componentInstance.changed.subscribe(changed);
    const label = page.querySelector<HTMLInputElement>('input[formControlName="label"]');
    if (!label) throw new Error('no label field');
    label.value = 'kiosk';
    label.dispatchEvent(new Event('input'));
    button(page, 'Create key').click();

    const post = backend.expectOne(KEYS_URL);
    expect(post.request.body).toEqual({ label: 'kiosk' });
    post.flush({ ...KEY_VIEW, appId: 'app-new', label: 'kiosk', appSecret: SECRET }, { status: 201, statusText: 'Created' });
    (await vi.waitFor(() => backend.expectOne(KEYS_URL))).flush({ items: [{ ...KEY_VIEW, appId: 'app-new' }] });

    const dialog = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('input')) throw new Error('no secret dialog yet');
      return found;
    });
    await fixture.whenStable();
    expect(Array.from(dialog.querySelectorAll('input'), (input) => input.value)).toEqual(['app-new', SECRET]);
    expect(changed).toHaveBeenCalledTimes(1);

    button(dialog, 'I have saved the secret').click();
    await vi.waitFor(() => expect(document.querySelector('mat-dialog-container')).toBeNull());
    await vi.waitFor(() => expect(document.body.textContent).toContain('Key created'));

    const fieldValues = Array.from(document.querySelectorAll('input'), (input) => input.value);
    expect(fieldValues).not.toContain(SECRET);
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('shows why a key could not be created, reporting no change', async () => {
    const changed = vi.fn();
    fixture.componentInstance.changed.subscribe(changed);
    button(page, 'Create key').click();
    backend
      .expectOne(KEYS_URL)
      .flush({ Message: 'You do not have permission to do this.', Code: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });

    await vi.waitFor(() =>
      expect(page.querySelector('[role="alert"]')?.textContent).toContain('You do not have permission to do this.'),
    );
    expect(changed).not.toHaveBeenCalled();
  });
});
