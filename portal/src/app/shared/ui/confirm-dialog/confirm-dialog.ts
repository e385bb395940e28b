import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';

export interface ConfirmDialogData {
  readonly title: string;
  readonly message: string;
  /** The confirming button's text, naming the action ("Revoke key"), never "OK". */
  readonly confirmLabel: string;
  /** When set, the user types this text (the object's name) before the action is enabled. */
  readonly typeToConfirm?: string;
  /**
   * Runs on confirm while the dialog stays open with a progress bar; a failure is shown in
   * the dialog and the dialog closes only on success.
   */
  readonly action?: () => Promise<unknown>;
}

/** Asks before something that cannot be undone; optionally runs it and reports its failure. */
@Component({
  selector: 'app-confirm-dialog',
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Working" />
      }
      <p>{{ data.message }}</p>
      @if (data.typeToConfirm; as expected) {
        <mat-form-field class="confirm-field">
          <mat-label>Type “{{ expected }}” to confirm</mat-label>
          <input matInput autocomplete="off" [ngModel]="typed()" (ngModelChange)="typed.set($event)" />
        </mat-form-field>
      }
      @if (error(); as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="button" class="danger" [disabled]="!confirmable()" (click)="confirm()">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .confirm-field {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .danger:not([disabled]) {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ConfirmDialog, boolean>>(MatDialogRef);

  protected readonly typed = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly confirmable = computed(
    () => !this.busy() && (this.data.typeToConfirm === undefined || this.typed().trim() === this.data.typeToConfirm),
  );

  protected async confirm(): Promise<void> {
    if (!this.confirmable()) return;
    if (!this.data.action) {
      this.dialogRef.close(true);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.dialogRef.disableClose = true;
    try {
      await this.data.action();
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.busy.set(false);
      this.dialogRef.disableClose = false;
    }
  }
}

/** Opens the confirm dialog; true when the user confirmed (and the action, if any, succeeded). */
export async function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Promise<boolean> {
  const ref = dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '28rem' });
  return (await firstValueFrom(ref.afterClosed())) === true;
}
