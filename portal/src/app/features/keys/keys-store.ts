import { Injectable, inject } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { KeysApi } from './keys-api';
import { IssuedKey, WebApiKey } from './web-api-key';

/**
 * A client's Web API keys. Secrets of issued keys pass through to the caller and are
 * never kept here: the secret-once dialog is the only holder.
 */
@Injectable()
export class KeysStore {
  private readonly api = inject(KeysApi);

  private readonly state = new Loadable<readonly WebApiKey[]>();
  private clientName: string | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(clientName: string | null = this.clientName): void {
    if (!clientName) return;
    this.clientName = clientName;
    this.state.load(this.api.list(clientName));
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
