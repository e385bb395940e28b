import { Injectable, inject } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { Client, ClientChanges, OwnershipMode } from './client';
import { ClientsApi } from './clients-api';

/** One client on its detail page; changes replace it with the BFF's answer. */
@Injectable()
export class ClientStore {
  private readonly api = inject(ClientsApi);

  private readonly state = new Loadable<Client>();
  private name: string | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(name: string | null = this.name): void {
    if (!name) return;
    if (name !== this.name) this.state.set(null);
    this.name = name;
    this.state.load(this.api.get(name));
  }

  /** Rejects with an ApiError carrying the BFF's Message. */
  async update(changes: ClientChanges): Promise<Client> {
    const updated = await this.request((name) => this.api.update(name, changes));
    this.state.set(updated);
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
