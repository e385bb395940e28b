import { DestroyRef, inject, signal } from '@angular/core';
import { Observable, Subscription } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';

/**
 * The `data`/`loading`/`error` state of one store's main request.
 * - Only the latest request's answer is kept: `load` cancels the request before it.
 * - A new request clears the error but keeps the data, so the previous answer stays visible.
 * - Failures become an ApiError; the data is kept.
 * - The request in flight ends with the injector; construct it in an injection context
 *   (a store's field initializer).
 */
export class Loadable<T> {
  private readonly dataState = signal<T | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancel());
  }

  load(request: Observable<T>): void {
    this.cancel();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = request.subscribe({
      next: (data) => {
        this.dataState.set(data);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  /** Replaces the data without a request, e.g. with the answer to a change or null for another target. */
  set(data: T | null): void {
    this.dataState.set(data);
  }

  /** Drops the request in flight; loading and error stay as they are. */
  cancel(): void {
    this.pending?.unsubscribe();
    this.pending = undefined;
  }
}
