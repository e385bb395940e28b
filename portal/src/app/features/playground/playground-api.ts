import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { ClientSummary, parseClientPage } from '../clients/client-page';
import {
  LivenessSample,
  LivenessVerdict,
  PlaygroundToken,
  parseLivenessVerdict,
  parsePlaygroundToken,
} from './playground-token';

/** The BFF's page limit: the picker offers up to this many readable clients. */
export const PICKER_CLIENT_LIMIT = 500;

@Injectable({ providedIn: 'root' })
export class PlaygroundApi {
  private readonly http = inject(HttpClient);

  /** The clients the signed-in user may read, by name. */
  listClients(): Observable<readonly ClientSummary[]> {
    const params = new HttpParams().set('sort', 'name').set('dir', 'asc').set('limit', PICKER_CLIENT_LIMIT);
    return this.http.get<unknown>('/api/clients', { params }).pipe(map((body) => parseClientPage(body).items));
  }

  createToken(clientName: string): Observable<PlaygroundToken> {
    return this.http
      .post<unknown>(`/api/clients/${encodeURIComponent(clientName)}/playground/token`, null)
      .pipe(map(parsePlaygroundToken));
  }

  /**
   * Posts an attempt to the BWS extension API. It carries the BWS token as its bearer: the
   * portal's interceptors handle /api/ only, so they neither add the portal's token here nor
   * turn failures into ApiError (the store does that).
   */
  detectLiveness(token: string, frames: readonly LivenessSample[]): Observable<LivenessVerdict> {
    const headers = new HttpHeaders({ Authorization: `Bearer ${token}` });
    return this.http
      .post<unknown>('/extension/livenessdetection', { frames }, { headers })
      .pipe(map(parseLivenessVerdict));
  }
}
