import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Observable, Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { KeysApi } from './keys-api';
import { IssuedKey, WebApiKey } from './web-api-key';

/**
 * A client's Web API keys. Secrets of issued keys pass through to the caller and are
 * never kept here: the secret-once dialog is the only holder.
 */
@Injectable()
export class KeysStore {
  private readonly api = inject(KeysApi);

  private readonly dataState = signal<readonly WebApiKey[] | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private clientName: string | null = null;
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  load(clientName: string | null = this.clientName): void {
    if (!clientName) return;
    this.clientName = clientName;
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.list(clientName).subscribe({
      next: (keys) => {
        this.dataState.set(keys);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  create(label: string): Promise<IssuedKey> {
    return this.change((clientName) => this.api.create(clientName, label));
  }

  rotate(appId: string, overlapHours: number): Promise<IssuedKey> {
    return this.change((clientName) => this.api.rotate(clientName, appId, overlapHours));
  }

  revoke(appId: string): Promise<void> {
    return this.change((clientName) => this.api.revoke(clientName, appId));
  }

  private async change<T>(request: (clientName: string) => Observable<T>): Promise<T> {
    const clientName = this.clientName;
    if (!clientName) throw new ApiError(0, 'The keys have not been loaded yet.');
    let result: T;
    try {
      result = await firstValueFrom(request(clientName));
    } catch (error) {
      throw toApiError(error);
    }
    this.load(clientName);
    return result;
  }
}
