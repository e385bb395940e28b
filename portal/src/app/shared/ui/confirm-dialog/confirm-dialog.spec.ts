import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '../../../core/http/api-error';
import { ConfirmDialogData, confirmAction } from './confirm-dialog';

describe('ConfirmDialog', () => {
  let dialog: MatDialog;

  beforeEach(() => {
    TestBed.configureTestingModule({});
    dialog = TestBed.inject(MatDialog);
  });

  async function open(data: ConfirmDialogData): Promise<{ result: Promise<boolean>; container: HTMLElement }> {
    const result = confirmAction(dialog, data);
    const container = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('button')) throw new Error('dialog not rendered yet');
      return found;
    });
    await TestBed.inject(ApplicationRef).whenStable();
    return { result, container };
  }

  function confirmButton(container: HTMLElement, label: string): HTMLButtonElement {
    const found = Array.from(container.querySelectorAll('button')).find((button) => button.textContent?.trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  it('enables the action only after the object name is typed', async () => {
    const { result, container } = await open({
      title: 'Delete client?',
      message: 'This cannot be undone.',
      confirmLabel: 'Delete client',
      typeToConfirm: 'demo-client',
    });
    const button = confirmButton(container, 'Delete client');
    expect(button.disabled).toBe(true);

    const input = container.querySelector('input');
    if (!input) throw new Error('no confirmation field');
    input.value = 'demo-client';
    input.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    button.click();

    expect(await result).toBe(true);
  });

  it('keeps the dialog open and shows the message when the action fails', async () => {
    const action = vi.fn(async () => {
      throw new ApiError(409, 'The certificate is attached to demo-client; detach it first.', 'Conflict');
    });
    const { container } = await open({ title: 'Delete?', message: 'Sure?', confirmLabel: 'Delete', action });

    confirmButton(container, 'Delete').click();

    await vi.waitFor(() =>
      expect(container.querySelector('[role="alert"]')?.textContent).toContain('detach it first'),
    );
    expect(action).toHaveBeenCalledTimes(1);
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
  });
});
