import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

import { AuthStore } from './auth-store';

/**
 * Lets signed-in users through and sends everyone else to the IdP, returning to the
 * requested page afterwards. After a failed sign-in it shows /signed-out instead, so an
 * IdP that keeps refusing cannot trap the browser in a redirect loop.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  if (auth.isAuthenticated()) return true;
  if (auth.signInError()) return inject(Router).createUrlTree(['/signed-out']);
  auth.signIn(state.url);
  return false;
};
