import { DestroyRef, Injectable, inject } from '@angular/core';
import { Observable, firstValueFrom, tap } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { ObjectSync, RetryResult } from './sync';
import { SyncApi } from './sync-api';

export type SyncTarget =
  | { readonly kind: 'client'; readonly name: string }
  | { readonly kind: 'installation'; readonly id: string };

/** How often a pending sync is asked for again. */
export const SYNC_POLL_INTERVAL_MS = 5000;

/**
 * The sync status of one client or installation.
 * - While changes are pending it asks again every SYNC_POLL_INTERVAL_MS, so the status
 *   turns "In sync" without a reload; in any other state, or after an error, it stops.
 * - Polling and requests end with the injector that provides the store (the component).
 * - Only the latest request's answer is kept.
 */
@Injectable()
export class SyncStore {
  private readonly api = inject(SyncApi);

  private readonly state = new Loadable<ObjectSync>();
  private target: SyncTarget | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stop();
    });
  }

  load(target: SyncTarget | null = this.target): void {
    if (!target || this.destroyed) return;
    if (!sameTarget(target, this.target)) this.state.set(null);
    this.target = target;
    this.stop();
    this.state.load(
      this.request(target).pipe(
        tap((sync) => {
          if (sync.state === 'pending') this.pollTimer = setTimeout(() => this.load(), SYNC_POLL_INTERVAL_MS);
        }),
      ),
    );
  }

  /** Makes the waiting changes due now, then asks for the status again; rejects with an ApiError. */
  async retry(): Promise<RetryResult> {
    const target = this.target;
    if (!target) throw new ApiError(0, 'The sync status has not been loaded yet.');
    let result: RetryResult;
    try {
      result = await firstValueFrom(
        target.kind === 'client' ? this.api.retryClient(target.name) : this.api.retryInstallation(target.id),
      );
    } catch (error) {
      throw toApiError(error);
    }
    this.load();
    return result;
  }

  private request(target: SyncTarget): Observable<ObjectSync> {
    return target.kind === 'client' ? this.api.clientSync(target.name) : this.api.installationSync(target.id);
  }

  private stop(): void {
    this.state.cancel();
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }
}

function sameTarget(a: SyncTarget, b: SyncTarget | null): boolean {
  if (!b || a.kind !== b.kind) return false;
  return a.kind === 'client' ? b.kind === 'client' && a.name === b.name : b.kind === 'installation' && a.id === b.id;
}
