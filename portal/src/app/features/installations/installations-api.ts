import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { InstallationPage, parseInstallationPage } from './installation-page';

@Injectable({ providedIn: 'root' })
export class InstallationsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<InstallationPage> {
    return this.http.get<unknown>('/api/installations').pipe(map(parseInstallationPage));
  }
}
