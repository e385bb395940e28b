import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { toApiError } from '../../../core/http/api-error';
import { saveFile } from '../../../shared/browser/save-file';
import { Certificate } from '../certificate';
import { ClientCertificatesStore } from '../client-certificates-store';

export interface Pkcs12DownloadDialogData {
  readonly certificate: Certificate;
}

/** The BFF's minimum for the file password. */
const MIN_PASSWORD_LENGTH = 8;

function sameAsPassword(control: AbstractControl<string>): ValidationErrors | null {
  const password = control.parent?.get('password')?.value;
  return control.value && control.value !== password ? { mismatch: true } : null;
}

/**
 * Downloads an attached certificate with its private key as a PKCS#12 file. The private key
 * leaves the BFF only this way, protected by a password the user chooses here.
 */
@Component({
  selector: 'app-pkcs12-download-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>Download PKCS#12 file</h2>
    <form [formGroup]="form" (ngSubmit)="download()" novalidate>
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Preparing the file" />
        }
        <p>
          “{{ data.certificate.name }}” with its private key, protected by a password you choose now.
          You need the password to import the file.
        </p>
        <mat-form-field class="field">
          <mat-label>File password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" />
          <mat-hint>At least {{ minLength }} characters</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>Choose a password</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error>Use at least {{ minLength }} characters</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="field">
          <mat-label>Repeat password</mat-label>
          <input matInput type="password" formControlName="repeat" autocomplete="new-password" />
          @if (form.controls.repeat.hasError('mismatch')) {
            <mat-error>The passwords differ</mat-error>
          } @else if (form.controls.repeat.hasError('required')) {
            <mat-error>Repeat the password</mat-error>
          }
        </mat-form-field>
        @if (error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Download</button>
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
export class Pkcs12DownloadDialog {
  private readonly store = inject(ClientCertificatesStore);
  private readonly document = inject(DOCUMENT);
  private readonly dialogRef = inject<MatDialogRef<Pkcs12DownloadDialog, string>>(MatDialogRef);
  protected readonly data = inject<Pkcs12DownloadDialogData>(MAT_DIALOG_DATA);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(200)],
    }),
    repeat: new FormControl('', { nonNullable: true, validators: [Validators.required, sameAsPassword] }),
  });

  constructor() {
    this.form.controls.password.valueChanges.subscribe(() => this.form.controls.repeat.updateValueAndValidity());
  }

  protected async download(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const file = await this.store.downloadPkcs12(this.data.certificate.id, this.form.controls.password.value);
      saveFile(this.document, file.blob, file.fileName);
      this.dialogRef.close(file.fileName);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
