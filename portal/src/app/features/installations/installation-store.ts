import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Observable, Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { ClientImportReport } from '../sync/client-import-report';
import { Installation, InstallationChanges, SavedInstallation } from './installation';
import { InstallationsApi } from './installations-api';

/**
 * One installation on its detail page; changes replace it with the BFF's answer.
 * Saving a connection string also keeps the import report of that save, until it is
 * dismissed, another connection string is saved or removed, or another installation loads.
 */
@Injectable()
export class InstallationStore {
  private readonly api = inject(InstallationsApi);

  private readonly dataState = signal<Installation | null>(null);
  private readonly importReportState = signal<ClientImportReport | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private id: string | null = null;
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();
  readonly importReport = this.importReportState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  load(id: string | null = this.id): void {
    if (!id) return;
    if (id !== this.id) {
      this.dataState.set(null);
      this.importReportState.set(null);
    }
    this.id = id;
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.get(id).subscribe({
      next: (installation) => {
        this.dataState.set(installation);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  /** Rejects with an ApiError carrying the BFF's Message (e.g. a storage that still holds clients). */
  async update(changes: InstallationChanges): Promise<SavedInstallation> {
    const saved = await this.request((id) => this.api.update(id, changes));
    this.dataState.set(saved.installation);
    if (changes.connectionString !== undefined) this.importReportState.set(saved.importReport ?? null);
    return saved;
  }

  dismissImportReport(): void {
    this.importReportState.set(null);
  }

  revealConnectionString(): Promise<string | null> {
    return this.request((id) => this.api.connectionString(id));
  }

  async remove(): Promise<void> {
    await this.request((id) => this.api.remove(id));
  }

  private async request<T>(call: (id: string) => Observable<T>): Promise<T> {
    if (!this.id) throw new ApiError(0, 'The installation has not been loaded yet.');
    try {
      return await firstValueFrom(call(this.id));
    } catch (error) {
      throw toApiError(error);
    }
  }
}
