import { inject } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { CanActivateFn, Router } from '@angular/router';
import { filter, map, take } from 'rxjs';

import { AuthStore } from './auth-store';

/**
 * Pages for platform administrators only: others land on the client list instead of a
 * page that can only show a refusal. Waits for /api/me after sign-in.
 */
export const platformAdminGuard: CanActivateFn = () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return toObservable(auth.me).pipe(
    filter((me) => me !== null),
    take(1),
    map((me) => me.isPlatformAdmin || router.createUrlTree(['/clients'])),
  );
};
