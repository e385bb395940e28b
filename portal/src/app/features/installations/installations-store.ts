import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { NewInstallation, SavedInstallation } from './installation';
import { InstallationPage } from './installation-page';
import { InstallationsApi } from './installations-api';

/** The installations the user may see; there are few, so the list arrives whole. */
@Injectable()
export class InstallationsStore {
  private readonly api = inject(InstallationsApi);

  private readonly dataState = signal<InstallationPage | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  load(): void {
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.list().subscribe({
      next: (page) => {
        this.dataState.set(page);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  /**
   * Platform administrators only; with an import report when a connection string was given.
   * Rejects with an ApiError (e.g. a name that is taken).
   */
  async create(installation: NewInstallation): Promise<SavedInstallation> {
    let created: SavedInstallation;
    try {
      created = await firstValueFrom(this.api.create(installation));
    } catch (error) {
      throw toApiError(error);
    }
    this.load();
    return created;
  }
}
