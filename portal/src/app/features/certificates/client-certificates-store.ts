import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { Certificate } from './certificate';
import { CertificatesApi, DownloadedFile } from './certificates-api';

export interface ClientCertificatesSource {
  readonly clientName: string;
  /** manageClientCertificates on the client: only then are the attachable certificates asked for. */
  readonly canAttach: boolean;
}

/**
 * The certificates attached to one client and, for users who manage them, the certificates
 * of its installation it could attach.
 */
@Injectable()
export class ClientCertificatesStore {
  private readonly api = inject(CertificatesApi);

  private readonly state = new Loadable<readonly Certificate[]>();
  private readonly installationCertificatesState = signal<readonly Certificate[] | null>(null);
  private source: ClientCertificatesSource | null = null;
  private pendingAttachable: Subscription | undefined;

  /** Attached certificates. */
  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;
  /** How many certificates the installation holds; null when unknown. */
  readonly installationCertificateCount = computed(() => this.installationCertificatesState()?.length ?? null);
  /** Installation certificates not yet attached; null when unknown. */
  readonly attachable = computed(() => {
    const all = this.installationCertificatesState();
    const attached = new Set((this.state.data() ?? []).map((certificate) => certificate.id));
    return all ? all.filter((certificate) => !attached.has(certificate.id)) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pendingAttachable?.unsubscribe());
  }

  load(source: ClientCertificatesSource | null = this.source): void {
    if (!source) return;
    this.source = source;
    this.pendingAttachable?.unsubscribe();
    this.pendingAttachable = undefined;
    this.state.load(this.api.listForClient(source.clientName));
    if (source.canAttach) {
      this.pendingAttachable = this.api.listAttachable(source.clientName).subscribe({
        next: (certificates) => this.installationCertificatesState.set(certificates),
        // Attaching is then not offered; the attached list still works.
        error: () => this.installationCertificatesState.set(null),
      });
    } else {
      this.installationCertificatesState.set(null);
    }
  }

  async attach(certificateId: string): Promise<void> {
    await this.change((clientName) => this.api.attach(clientName, certificateId));
  }

  async detach(certificateId: string): Promise<void> {
    await this.change((clientName) => this.api.detach(clientName, certificateId));
  }

  async downloadPkcs12(certificateId: string, password: string): Promise<DownloadedFile> {
    const { clientName } = this.requireSource();
    try {
      return await firstValueFrom(this.api.downloadPkcs12(clientName, certificateId, password));
    } catch (error) {
      throw toApiError(error);
    }
  }

  private async change(request: (clientName: string) => ReturnType<CertificatesApi['attach']>): Promise<void> {
    const { clientName } = this.requireSource();
    try {
      await firstValueFrom(request(clientName));
    } catch (error) {
      throw toApiError(error);
    }
    this.load();
  }

  private requireSource(): ClientCertificatesSource {
    if (!this.source) throw new ApiError(0, 'The certificates have not been loaded yet.');
    return this.source;
  }
}
