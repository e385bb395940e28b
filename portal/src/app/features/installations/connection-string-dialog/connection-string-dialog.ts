import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { toApiError } from '../../../core/http/api-error';
import { SavedInstallation } from '../installation';
import { connectionStringPattern } from '../installation-form';
import { InstallationStore } from '../installation-store';

/**
 * Sets or replaces an installation's MongoDB connection string; closes with the saved
 * installation and the report of the import that saving it ran.
 */
@Component({
  selector: 'app-connection-string-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>Change connection string</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving and importing" />
        }
        <p>
          The BFF stores the connection string encrypted and uses it to push client changes into the installation's
          MongoDB. Setting it imports the installation's existing clients.
        </p>
        <mat-form-field class="field">
          <mat-label>MongoDB connection string</mat-label>
          <input matInput type="password" formControlName="connectionString" autocomplete="off" spellcheck="false" />
          <mat-hint>mongodb://user:password&#64;host:27017/bws</mat-hint>
          @if (form.controls.connectionString.hasError('required')) {
            <mat-error>Enter the connection string</mat-error>
          } @else if (form.controls.connectionString.hasError('pattern')) {
            <mat-error>Starts with mongodb:// or mongodb+srv://</mat-error>
          }
        </mat-form-field>
        @if (error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Save connection string</button>
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
export class ConnectionStringDialog {
  private readonly store = inject(InstallationStore);
  private readonly dialogRef = inject<MatDialogRef<ConnectionStringDialog, SavedInstallation>>(MatDialogRef);

  protected readonly form = new FormGroup({
    connectionString: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(2000), Validators.pattern(connectionStringPattern)],
    }),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    // The import runs within the request; the dialog stays until its outcome is known.
    this.dialogRef.disableClose = true;
    try {
      const saved = await this.store.update({ connectionString: this.form.controls.connectionString.value.trim() });
      this.dialogRef.close(saved);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
      this.dialogRef.disableClose = false;
    }
  }
}
