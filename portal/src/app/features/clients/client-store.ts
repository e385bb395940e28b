import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Observable, Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Client, ClientChanges, OwnershipMode } from './client';
import { ClientsApi } from './clients-api';

/** One client on its detail page; changes replace it with the BFF's answer. */
@Injectable()
export class ClientStore {
  private readonly api = inject(ClientsApi);

  private readonly dataState = signal<Client | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private name: string | null = null;
  private pending: Subscription | undefined;

  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  load(name: string | null = this.name): void {
    if (!name) return;
    if (name !== this.name) this.dataState.set(null);
    this.name = name;
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.get(name).subscribe({
      next: (client) => {
        this.dataState.set(client);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error));
        this.loadingState.set(false);
      },
    });
  }

  /** Rejects with an ApiError carrying the BFF's Message. */
  async update(changes: ClientChanges): Promise<Client> {
    const updated = await this.request((name) => this.api.update(name, changes));
    this.dataState.set(updated);
    return updated;
  }

  async remove(): Promise<void> {
    await this.request((name) => this.api.remove(name));
  }

  async changeOwnership(userId: string, mode: OwnershipMode): Promise<void> {
    await this.request((name) => this.api.changeOwnership(name, userId, mode));
  }

  private async request<T>(call: (name: string) => Observable<T>): Promise<T> {
    if (!this.name) throw new ApiError(0, 'The client has not been loaded yet.');
    try {
      return await firstValueFrom(call(this.name));
    } catch (error) {
      throw toApiError(error);
    }
  }
}
