import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import {
  ClientSync,
  InstallationSync,
  RetryResult,
  parseClientSync,
  parseInstallationSync,
  parseRetryResult,
} from './sync';

const clientSyncPath = (name: string) => `/api/clients/${encodeURIComponent(name)}/sync`;
const installationSyncPath = (id: string) => `/api/installations/${encodeURIComponent(id)}/sync`;

@Injectable({ providedIn: 'root' })
export class SyncApi {
  private readonly http = inject(HttpClient);

  clientSync(name: string): Observable<ClientSync> {
    return this.http.get<unknown>(clientSyncPath(name)).pipe(map(parseClientSync));
  }

  installationSync(id: string): Observable<InstallationSync> {
    return this.http.get<unknown>(installationSyncPath(id)).pipe(map(parseInstallationSync));
  }

  /** Makes the client's waiting changes due now (needs updateClient). */
  retryClient(name: string): Observable<RetryResult> {
    return this.http.post<unknown>(`${clientSyncPath(name)}/retry`, null).pipe(map(parseRetryResult));
  }

  /** Makes every waiting change of the installation due now (needs updateInstallation). */
  retryInstallation(id: string): Observable<RetryResult> {
    return this.http.post<unknown>(`${installationSyncPath(id)}/retry`, null).pipe(map(parseRetryResult));
  }
}
