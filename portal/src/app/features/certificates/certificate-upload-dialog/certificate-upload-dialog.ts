import { ChangeDetectionStrategy, ChangeDetectorRef, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { toApiError } from '../../../core/http/api-error';
import { readFileAsBase64, readFileAsText } from '../../../shared/browser/read-file';
import { Certificate, CertificateUpload } from '../certificate';
import { InstallationCertificatesStore } from '../installation-certificates-store';

type Format = 'pem' | 'pkcs12';

/** The BFF accepts at most 100,000 base64 characters, about 75 kB of file. */
const MAX_PKCS12_BYTES = 75_000;
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----/;

/**
 * Uploads a certificate with its private key to an installation, as PEM text (pasted or read
 * from files) or as a PKCS#12 file. Files are read in the browser; the BFF checks the pair
 * and its Message (wrong password, key not matching, expired) is shown here.
 */
@Component({
  selector: 'app-certificate-upload-dialog',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  templateUrl: './certificate-upload-dialog.html',
  styleUrl: './certificate-upload-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificateUploadDialog {
  private readonly store = inject(InstallationCertificatesStore);
  private readonly dialogRef = inject<MatDialogRef<CertificateUploadDialog, Certificate>>(MatDialogRef);
  private readonly changeDetector = inject(ChangeDetectorRef);

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly pkcs12FileName = signal<string | null>(null);
  protected readonly fileError = signal<string | null>(null);

  protected readonly form = new FormGroup({
    format: new FormControl<Format>('pem', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true, validators: Validators.maxLength(100) }),
    certificatePem: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(PEM_BLOCK)] }),
    privateKeyPem: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(PEM_BLOCK)] }),
    privateKeyPassword: new FormControl('', { nonNullable: true }),
    pkcs12: new FormControl({ value: '', disabled: true }, { nonNullable: true, validators: Validators.required }),
    password: new FormControl({ value: '', disabled: true }, { nonNullable: true }),
  });

  constructor() {
    this.form.controls.format.valueChanges.pipe(takeUntilDestroyed()).subscribe((format) => this.useFormat(format));
  }

  protected async loadPem(input: HTMLInputElement, target: 'certificatePem' | 'privateKeyPem'): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const control = this.form.controls[target];
    control.setValue(await readFileAsText(file));
    control.markAsTouched();
    input.value = '';
    this.changeDetector.markForCheck();
  }

  protected async loadPkcs12(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    const control = this.form.controls.pkcs12;
    control.markAsTouched();
    if (!file) return;
    if (file.size > MAX_PKCS12_BYTES) {
      this.fileError.set(`${file.name} is too large for a certificate file (at most 75 kB).`);
      this.pkcs12FileName.set(null);
      control.setValue('');
      return;
    }
    this.fileError.set(null);
    control.setValue(await readFileAsBase64(file));
    this.pkcs12FileName.set(file.name);
  }

  protected async upload(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) {
      this.changeDetector.markForCheck();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await this.store.upload(this.uploadBody()));
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }

  private uploadBody(): CertificateUpload {
    const value = this.form.getRawValue();
    const name = value.name.trim() || undefined;
    if (value.format === 'pkcs12') return { name, pkcs12: value.pkcs12, password: value.password };
    return {
      name,
      certificatePem: value.certificatePem,
      privateKeyPem: value.privateKeyPem,
      privateKeyPassword: value.privateKeyPassword || undefined,
    };
  }

  private useFormat(format: Format): void {
    const { certificatePem, privateKeyPem, privateKeyPassword, pkcs12, password } = this.form.controls;
    for (const control of [certificatePem, privateKeyPem, privateKeyPassword]) {
      if (format === 'pem') control.enable();
      else control.disable();
    }
    for (const control of [pkcs12, password]) {
      if (format === 'pkcs12') control.enable();
      else control.disable();
    }
    this.error.set(null);
  }
}
