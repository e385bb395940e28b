import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

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
}

export const DEFAULT_CLIENT_QUERY: ClientQuery = { q: '', sort: 'name', dir: 'asc', offset: 0, limit: 25 };

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
    return this.http.get<unknown>('/api/clients', { params }).pipe(map(parseClientPage));
  }
}
