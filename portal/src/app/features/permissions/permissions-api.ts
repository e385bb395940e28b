import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { Role } from '../../core/auth/role';
import { Permission, PermissionTarget, parsePermissionList, permissionsPath } from './permission';

export interface Grant {
  readonly role: Role;
  /** ISO date; required for Support. */
  readonly expiresAt: string | null;
}

@Injectable({ providedIn: 'root' })
export class PermissionsApi {
  private readonly http = inject(HttpClient);

  list(target: PermissionTarget): Observable<readonly Permission[]> {
    return this.http.get<unknown>(permissionsPath(target)).pipe(map(parsePermissionList));
  }

  /** Grants a role, or changes the one the user holds. */
  grant(target: PermissionTarget, userId: string, grant: Grant): Observable<void> {
    return this.http
      .put<unknown>(`${permissionsPath(target)}/${encodeURIComponent(userId)}`, grant)
      .pipe(map(() => undefined));
  }

  revoke(target: PermissionTarget, userId: string): Observable<void> {
    return this.http.delete<unknown>(`${permissionsPath(target)}/${encodeURIComponent(userId)}`).pipe(map(() => undefined));
  }
}
