import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import {
  Installation,
  InstallationChanges,
  NewInstallation,
  SavedInstallation,
  parseConnectionString,
  parseInstallation,
  parseSavedInstallation,
} from './installation';
import { InstallationPage, parseInstallationPage } from './installation-page';

const installationPath = (id: string) => `/api/installations/${encodeURIComponent(id)}`;

@Injectable({ providedIn: 'root' })
export class InstallationsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<InstallationPage> {
    return this.http.get<unknown>('/api/installations').pipe(map(parseInstallationPage));
  }

  get(id: string): Observable<Installation> {
    return this.http.get<unknown>(installationPath(id)).pipe(map((body) => parseInstallation(body)));
  }

  /** With an import report when `installation` has a connection string. */
  create(installation: NewInstallation): Observable<SavedInstallation> {
    return this.http.post<unknown>('/api/installations', installation).pipe(map(parseSavedInstallation));
  }

  /** With an import report when `changes` set a connection string. */
  update(id: string, changes: InstallationChanges): Observable<SavedInstallation> {
    return this.http.patch<unknown>(installationPath(id), changes).pipe(map(parseSavedInstallation));
  }

  remove(id: string): Observable<void> {
    return this.http.delete<unknown>(installationPath(id)).pipe(map(() => undefined));
  }

  /** The connection string in clear (Owners only). */
  connectionString(id: string): Observable<string | null> {
    return this.http.get<unknown>(`${installationPath(id)}/connection-string`).pipe(map(parseConnectionString));
  }
}
