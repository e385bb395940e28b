import { Clipboard } from '@angular/cdk/clipboard';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { SecretOnceDialogData, showSecretOnce } from './secret-once-dialog';

const SECRET = 'Zk3v9Qm0x-secret-value';

describe('SecretOnceDialog', () => {
  let copy: ReturnType<typeof vi.fn<(text: string) => boolean>>;
  let data: SecretOnceDialogData;
  let closed: Promise<void>;

  beforeEach(async () => {
    copy = vi.fn(() => true);
    TestBed.configureTestingModule({ providers: [provideAppIcons(), { provide: Clipboard, useValue: { copy } }] });
    data = { appId: 'app-1234', appSecret: SECRET };
    closed = showSecretOnce(TestBed.inject(MatDialog), data);
    await vi.waitFor(() => expect(dialogElement()?.querySelector('input')).toBeTruthy());
    await TestBed.inject(ApplicationRef).whenStable();
  });

  function dialogElement(): HTMLElement | null {
    return document.querySelector('mat-dialog-container');
  }

  function button(label: string): HTMLButtonElement {
    const found = Array.from(dialogElement()?.querySelectorAll('button') ?? []).find((candidate) =>
      candidate.textContent?.includes(label),
    );
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  it('shows the App-ID and the App-Secret under "Save your App-Secret" with a warning', () => {
    const dialog = dialogElement();
    expect(dialog?.querySelector('h2')?.textContent?.trim()).toBe('Save your App-Secret');
    const values = Array.from(dialog?.querySelectorAll('input') ?? [], (input) => input.value);
    expect(values).toEqual(['app-1234', SECRET]);
    expect(dialog?.textContent).toContain('cannot be shown again');
  });

  it('copies the secret to the clipboard and says so', async () => {
    button('Copy App-Secret').click();
    await vi.waitFor(() => expect(button('Copied')).toBeTruthy());

    expect(copy).toHaveBeenCalledExactlyOnceWith(SECRET);
  });

  it('copies the App-ID with its own button', () => {
    button('Copy App-ID').click();

    expect(copy).toHaveBeenCalledExactlyOnceWith('app-1234');
  });

  it('does not close on Escape, so the secret is not lost by accident', async () => {
    dialogElement()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(dialogElement()).not.toBeNull();
  });

  it('discards the secret when closed', async () => {
    button('I have saved the secret').click();
    await closed;

    await vi.waitFor(() => expect(dialogElement()).toBeNull());
    expect(data.appSecret).toBe('');
    expect(document.body.innerHTML).not.toContain(SECRET);
  });
});
