import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { EffectiveAccess, effectiveAccessPath, parseEffectiveAccessList } from './effective-access';
import { PermissionTarget } from './permission';

@Injectable({ providedIn: 'root' })
export class EffectiveAccessApi {
  private readonly http = inject(HttpClient);

  list(target: PermissionTarget): Observable<readonly EffectiveAccess[]> {
    return this.http.get<unknown>(effectiveAccessPath(target)).pipe(map(parseEffectiveAccessList));
  }
}
