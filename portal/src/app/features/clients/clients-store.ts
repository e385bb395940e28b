import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
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
  private readonly state = new Loadable<ClientPage>();

  readonly query = this.queryState.asReadonly();
  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  /** Applies `changes` to the query and loads the matching page. */
  updateQuery(changes: Partial<ClientQuery>): void {
    this.queryState.update((query) => ({ ...query, ...changes }));
    this.load();
  }

  load(): void {
    this.state.load(this.api.list(this.queryState()));
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
