import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { toApiError } from '../../../core/http/api-error';
import { KeysStore } from '../keys-store';
import { IssuedKey, WebApiKey } from '../web-api-key';

export interface RotateKeyDialogData {
  readonly key: WebApiKey;
}

/** The BFF's bounds: up to 30 days of overlap. */
const MAX_OVERLAP_HOURS = 720;
const DEFAULT_OVERLAP_HOURS = 24;

/** Issues a new key for the same purpose; the old one keeps working for the overlap. */
@Component({
  selector: 'app-rotate-key-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>Rotate key</h2>
    <form [formGroup]="form" (ngSubmit)="rotate()" novalidate>
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Rotating" />
        }
        <p>
          A new App-ID and App-Secret replace <strong>{{ data.key.appId }}</strong>
          {{ data.key.label ? '(' + data.key.label + ')' : '' }}. The old key keeps working during the overlap, so
          deployed applications can switch without downtime.
        </p>
        <mat-form-field class="field">
          <mat-label>Overlap in hours</mat-label>
          <input matInput type="number" min="0" [max]="maxHours" step="1" formControlName="overlapHours" />
          <mat-hint>0 ends the old key now; at most {{ maxHours }} hours (30 days)</mat-hint>
          @if (form.controls.overlapHours.hasError('required')) {
            <mat-error>Enter the overlap in hours</mat-error>
          } @else if (form.controls.overlapHours.invalid) {
            <mat-error>Enter a whole number from 0 to {{ maxHours }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Rotate key</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .field {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RotateKeyDialog {
  private readonly store = inject(KeysStore);
  private readonly dialogRef = inject<MatDialogRef<RotateKeyDialog, IssuedKey>>(MatDialogRef);
  protected readonly data = inject<RotateKeyDialogData>(MAT_DIALOG_DATA);

  protected readonly maxHours = MAX_OVERLAP_HOURS;
  protected readonly form = new FormGroup({
    overlapHours: new FormControl<number | null>(DEFAULT_OVERLAP_HOURS, {
      validators: [Validators.required, Validators.min(0), Validators.max(MAX_OVERLAP_HOURS), Validators.pattern(/^\d+$/)],
    }),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async rotate(): Promise<void> {
    this.form.markAllAsTouched();
    const hours = this.form.controls.overlapHours.value;
    if (this.form.invalid || hours === null || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await this.store.rotate(this.data.key.appId, hours));
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
