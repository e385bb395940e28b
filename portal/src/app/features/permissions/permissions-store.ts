import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Permission, PermissionTarget } from './permission';
import { Grant, PermissionsApi } from './permissions-api';

/** Who holds which role on one installation or client; changes reload the list. */
@Injectable()
export class PermissionsStore {
  private readonly api = inject(PermissionsApi);

  private readonly dataState = signal<readonly Permission[] | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private target: PermissionTarget | null = null;
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  load(target: PermissionTarget | null = this.target): void {
    if (!target) return;
    this.target = target;
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.list(target).subscribe({
      next: (permissions) => {
        this.dataState.set(permissions);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  /** Rejects with an ApiError carrying the BFF's Message. */
  async grant(userId: string, grant: Grant): Promise<void> {
    await this.run((target) => this.api.grant(target, userId, grant));
  }

  async revoke(userId: string): Promise<void> {
    await this.run((target) => this.api.revoke(target, userId));
  }

  private async run(change: (target: PermissionTarget) => ReturnType<PermissionsApi['revoke']>): Promise<void> {
    const target = this.target;
    if (!target) throw new ApiError(0, 'The permissions have not been loaded yet.');
    try {
      await firstValueFrom(change(target));
    } catch (error) {
      throw toApiError(error);
    }
    this.load(target);
  }
}
