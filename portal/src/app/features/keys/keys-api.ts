import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { IssuedKey, WebApiKey, parseIssuedKey, parseKeyList } from './web-api-key';

const keysPath = (clientName: string) => `/api/clients/${encodeURIComponent(clientName)}/keys`;

@Injectable({ providedIn: 'root' })
export class KeysApi {
  private readonly http = inject(HttpClient);

  list(clientName: string): Observable<readonly WebApiKey[]> {
    return this.http.get<unknown>(keysPath(clientName)).pipe(map(parseKeyList));
  }

  create(clientName: string, label: string): Observable<IssuedKey> {
    return this.http.post<unknown>(keysPath(clientName), { label }).pipe(map(parseIssuedKey));
  }

  /** A new key replacing `appId`, which keeps working for `overlapHours`. */
  rotate(clientName: string, appId: string, overlapHours: number): Observable<IssuedKey> {
    return this.http
      .post<unknown>(`${keysPath(clientName)}/${encodeURIComponent(appId)}/rotate`, { overlapHours })
      .pipe(map(parseIssuedKey));
  }

  revoke(clientName: string, appId: string): Observable<void> {
    return this.http.delete<unknown>(`${keysPath(clientName)}/${encodeURIComponent(appId)}`).pipe(map(() => undefined));
  }
}
