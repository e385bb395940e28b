import { DOCUMENT } from '@angular/common';
import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';

import { AuthStore } from '../auth/auth-store';
import { isSameOriginApiUrl } from './api-request';
import { toApiError } from './api-error';

const RETRIED_AFTER_REFRESH = new HttpContextToken<boolean>(() => false);

/**
 * Management API failures leave this interceptor as ApiError.
 * - Only same-origin /api/ requests are touched; the IdP's answers stay as they are,
 *   because angular-oauth2-oidc reads them.
 * - A 401 triggers one token refresh (coordinated across tabs) and one retry of the request.
 *   When no newer token can be had, the user is sent to sign in again.
 * Runs before authInterceptor, so the retry carries the new token.
 */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isSameOriginApiUrl(request.url, inject(DOCUMENT).location.origin)) return next(request);
  const auth = inject(AuthStore);
  const sentWithExpiry = auth.tokenExpiry();
  const failAsApiError = (error: unknown) => throwError(() => toApiError(error));

  return next(request).pipe(
    catchError((error: unknown) => {
      const retryable =
        error instanceof HttpErrorResponse && error.status === 401 && !request.context.get(RETRIED_AFTER_REFRESH);
      if (!retryable) return failAsApiError(error);
      return from(auth.recoverFromUnauthorized(sentWithExpiry)).pipe(
        switchMap((recovered) => {
          if (!recovered) return failAsApiError(error);
          const retry = request.clone({ context: request.context.set(RETRIED_AFTER_REFRESH, true) });
          return next(retry).pipe(catchError(failAsApiError));
        }),
      );
    }),
  );
};
