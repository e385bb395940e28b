import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subscription, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Client, NewClient } from './client';
import { ClientPage } from './client-page';
import { ClientQuery, ClientsApi, DEFAULT_CLIENT_QUERY } from './clients-api';

/**
 * The client list and the query that produced it. Rows of the previous page stay visible
 * while the next one loads; only the latest query's answer is kept.
 */
@Injectable()
export class ClientsStore {
  private readonly api = inject(ClientsApi);

  private readonly queryState = signal<ClientQuery>(DEFAULT_CLIENT_QUERY);
  private readonly dataState = signal<ClientPage | null>(null);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);
  private pending: Subscription | undefined;

  readonly query = this.queryState.asReadonly();
  readonly data = this.dataState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  /** Applies `changes` to the query and loads the matching page. */
  updateQuery(changes: Partial<ClientQuery>): void {
    this.queryState.update((query) => ({ ...query, ...changes }));
    this.load();
  }

  load(): void {
    this.pending?.unsubscribe();
    this.loadingState.set(true);
    this.errorState.set(null);
    this.pending = this.api.list(this.queryState()).subscribe({
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

  /** Creates a client and reloads the list; rejects with an ApiError (name taken, partition used). */
  async create(client: NewClient): Promise<Client> {
    let created: Client;
    try {
      created = await firstValueFrom(this.api.create(client));
    } catch (error) {
      throw toApiError(error);
    }
    this.load();
    return created;
  }
}
