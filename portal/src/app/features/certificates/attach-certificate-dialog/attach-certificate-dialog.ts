import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';

import { toApiError } from '../../../core/http/api-error';
import { Certificate } from '../certificate';
import { ClientCertificatesStore } from '../client-certificates-store';

export interface AttachCertificateDialogData {
  /** The installation's certificates not yet attached to the client. */
  readonly certificates: readonly Certificate[];
}

/** Attaches one of the installation's certificates to the client. */
@Component({
  selector: 'app-attach-certificate-dialog',
  imports: [DatePipe, MatButtonModule, MatDialogModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>Attach certificate</h2>
    <form [formGroup]="form" (ngSubmit)="attach()" novalidate>
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Attaching" />
        }
        <mat-form-field class="field">
          <mat-label>Certificate</mat-label>
          <mat-select formControlName="certificate">
            @for (option of data.certificates; track option.id) {
              <mat-option [value]="option">
                {{ option.name }} (valid until {{ option.notAfter | date: 'mediumDate' : 'UTC' }})
              </mat-option>
            }
          </mat-select>
          <mat-hint>Certificates uploaded to the client's installation</mat-hint>
          @if (form.controls.certificate.hasError('required')) {
            <mat-error>Choose a certificate</mat-error>
          }
        </mat-form-field>
        @if (error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Attach</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .field {
      width: 100%;
      margin-top: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttachCertificateDialog {
  private readonly store = inject(ClientCertificatesStore);
  private readonly dialogRef = inject<MatDialogRef<AttachCertificateDialog, Certificate>>(MatDialogRef);
  protected readonly data = inject<AttachCertificateDialogData>(MAT_DIALOG_DATA);

  protected readonly form = new FormGroup({
    certificate: new FormControl<Certificate | null>(
      this.data.certificates.length === 1 ? (this.data.certificates[0] ?? null) : null,
      { validators: Validators.required },
    ),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async attach(): Promise<void> {
    this.form.markAllAsTouched();
    const certificate = this.form.controls.certificate.value;
    if (!certificate || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.store.attach(certificate.id);
      this.dialogRef.close(certificate);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
