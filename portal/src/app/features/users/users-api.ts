import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { UserPage, parseUserPage } from './user';

export const USER_SEARCH_LIMIT = 20;
/** The BFF answers shorter queries with 400: the directory is not for browsing. */
export const USER_SEARCH_MIN_LENGTH = 2;

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /**
   * The first page of users whose username or display name contains `q` (platform
   * administrators and Owners only); `nextCursor` says whether more match.
   */
  search(q: string): Observable<UserPage> {
    const params = new HttpParams().set('q', q).set('limit', USER_SEARCH_LIMIT);
    return this.http.get<unknown>('/api/users', { params }).pipe(map(parseUserPage));
  }
}
