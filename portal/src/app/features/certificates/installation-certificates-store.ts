import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { Certificate, CertificateUpload } from './certificate';
import { CertificatesApi } from './certificates-api';

/** The certificates of one installation; uploads and deletions reload the list. */
@Injectable()
export class InstallationCertificatesStore {
  private readonly api = inject(CertificatesApi);

  private readonly state = new Loadable<readonly Certificate[]>();
  private installationId: string | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(installationId: string | null = this.installationId): void {
    if (!installationId) return;
    this.installationId = installationId;
    this.state.load(this.api.listForInstallation(installationId));
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
