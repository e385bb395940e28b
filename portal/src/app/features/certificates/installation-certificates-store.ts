import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Certificate, CertificateUpload } from './certificate';
import { CertificatesApi } from './certificates-api';

/** The certificates of one installation; uploads and deletions reload the list. */
@Injectable()
export class InstallationCertificatesStore {
  private readonly api = inject(CertificatesApi);

  private readonly dataState = signal<readonly Certificate[] | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private installationId: string | null = null;
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  load(installationId: string | null = this.installationId): void {
    if (!installationId) return;
    this.installationId = installationId;
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.listForInstallation(installationId).subscribe({
      next: (certificates) => {
        this.dataState.set(certificates);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  /** Rejects with an ApiError whose Message says what is wrong with the files. */
  async upload(upload: CertificateUpload): Promise<Certificate> {
    const installationId = this.requireInstallation();
    try {
      const certificate = await firstValueFrom(this.api.upload(installationId, upload));
      this.load();
      return certificate;
    } catch (error) {
      throw toApiError(error);
    }
  }

  async remove(certificateId: string): Promise<void> {
    const installationId = this.requireInstallation();
    try {
      await firstValueFrom(this.api.remove(installationId, certificateId));
    } catch (error) {
      throw toApiError(error);
    }
    this.load();
  }

  private requireInstallation(): string {
    if (!this.installationId) throw new ApiError(0, 'The certificates have not been loaded yet.');
    return this.installationId;
  }
}
