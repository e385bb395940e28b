import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';

import { toApiError } from '../../../core/http/api-error';
import { UserPicker, UserPickerValue, pickedUser, userRequired } from '../../users/user-picker/user-picker';
import { OwnershipMode } from '../client';
import { ClientStore } from '../client-store';

export interface OwnershipDialogData {
  readonly clientName: string;
}

/** Adds an Owner to a client or transfers it to a new Owner (installation Owners and platform administrators). */
@Component({
  selector: 'app-ownership-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, MatRadioModule, ReactiveFormsModule, UserPicker],
  template: `
    <h2 mat-dialog-title>Transfer or add ownership</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }
        <app-user-picker [control]="form.controls.user" label="New owner" />
        <mat-radio-group class="modes" formControlName="mode" aria-label="Ownership change">
          <mat-radio-button value="add">Add as another Owner of {{ data.clientName }}</mat-radio-button>
          <mat-radio-button value="transfer">
            Transfer: the user becomes the only direct Owner; other direct Owners lose the role
          </mat-radio-button>
        </mat-radio-group>
        @if (error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ form.controls.mode.value === 'transfer' ? 'Transfer ownership' : 'Add owner' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .modes {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OwnershipDialog {
  private readonly store = inject(ClientStore);
  private readonly dialogRef = inject<MatDialogRef<OwnershipDialog, OwnershipMode>>(MatDialogRef);
  protected readonly data = inject<OwnershipDialogData>(MAT_DIALOG_DATA);

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    user: new FormControl<UserPickerValue>(null, { validators: userRequired }),
    mode: new FormControl<OwnershipMode>('add', { nonNullable: true }),
  });

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    const user = pickedUser(this.form.controls.user.value);
    if (this.form.invalid || !user || this.saving()) return;
    const mode = this.form.controls.mode.value;
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.store.changeOwnership(user.id, mode);
      this.dialogRef.close(mode);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
