import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { Me, parseMe } from './me';

@Injectable({ providedIn: 'root' })
export class MeApi {
  private readonly http = inject(HttpClient);

  load(): Observable<Me> {
    return this.http.get<unknown>('/api/me').pipe(map(parseMe));
  }
}
