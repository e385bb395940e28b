import { Injectable, inject, signal } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
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

  private readonly importReportState = signal<ClientImportReport | null>(null);
  private readonly state = new Loadable<Installation>();
  private id: string | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;
  readonly importReport = this.importReportState.asReadonly();

  load(id: string | null = this.id): void {
    if (!id) return;
    if (id !== this.id) {
      this.state.set(null);
      this.importReportState.set(null);
    }
    this.id = id;
    this.state.load(this.api.get(id));
  }

  /** Rejects with an ApiError carrying the BFF's Message (e.g. a storage that still holds clients). */
  async update(changes: InstallationChanges): Promise<SavedInstallation> {
    const saved = await this.request((id) => this.api.update(id, changes));
    this.state.set(saved.installation);
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
