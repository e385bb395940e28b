import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { UserSummary, parseUserList } from './user';

export const USER_SEARCH_LIMIT = 20;

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /** Users whose name or e-mail contains `q` (platform administrators, Owners and installation Editors only). */
  search(q: string): Observable<readonly UserSummary[]> {
    const params = new HttpParams().set('q', q).set('limit', USER_SEARCH_LIMIT);
    return this.http.get<unknown>('/api/users', { params }).pipe(map(parseUserList));
  }
}
