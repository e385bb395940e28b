import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { Client, ClientChanges, NewClient, OwnershipMode, parseClient } from './client';
import { ClientPage, parseClientPage } from './client-page';

export type ClientSortKey = 'name' | 'installation' | 'partition' | 'expiresAt';
export type SortDirection = 'asc' | 'desc';

/** The list query `GET /api/clients` understands; sorting and paging happen on the server. */
export interface ClientQuery {
  /** Free text; empty means no filter. */
  readonly q: string;
  readonly sort: ClientSortKey;
  readonly dir: SortDirection;
  readonly offset: number;
  readonly limit: number;
  /** Only the clients of this installation; absent means all. */
  readonly installationId?: string;
}

export const DEFAULT_CLIENT_QUERY: ClientQuery = { q: '', sort: 'name', dir: 'asc', offset: 0, limit: 25 };

const clientPath = (name: string) => `/api/clients/${encodeURIComponent(name)}`;

@Injectable({ providedIn: 'root' })
export class ClientsApi {
  private readonly http = inject(HttpClient);

  list(query: ClientQuery): Observable<ClientPage> {
    let params = new HttpParams()
      .set('sort', query.sort)
      .set('dir', query.dir)
      .set('offset', query.offset)
      .set('limit', query.limit);
    if (query.q) params = params.set('q', query.q);
    if (query.installationId) params = params.set('installationId', query.installationId);
    return this.http.get<unknown>('/api/clients', { params }).pipe(map(parseClientPage));
  }

  get(name: string): Observable<Client> {
    return this.http.get<unknown>(clientPath(name)).pipe(map(parseClient));
  }

  create(client: NewClient): Observable<Client> {
    return this.http.post<unknown>('/api/clients', client).pipe(map(parseClient));
  }

  update(name: string, changes: ClientChanges): Observable<Client> {
    return this.http.patch<unknown>(clientPath(name), changes).pipe(map(parseClient));
  }

  remove(name: string): Observable<void> {
    return this.http.delete<unknown>(clientPath(name)).pipe(map(() => undefined));
  }

  /** Adds an Owner, or makes the user the client's only direct Owner ("transfer"). */
  changeOwnership(name: string, userId: string, mode: OwnershipMode): Observable<void> {
    return this.http.post<unknown>(`${clientPath(name)}/owners`, { userId, mode }).pipe(map(() => undefined));
  }
}
