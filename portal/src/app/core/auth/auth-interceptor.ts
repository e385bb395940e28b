import { DOCUMENT } from '@angular/common';
import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { OAuthService } from 'angular-oauth2-oidc';

import { isSameOriginApiUrl } from '../http/api-request';

/**
 * Adds `Authorization: Bearer <access token>` to Management API requests only; the token
 * never leaves for the IdP, other paths of this origin or any other host.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isSameOriginApiUrl(request.url, inject(DOCUMENT).location.origin)) return next(request);
  const token = inject(OAuthService).getAccessToken();
  if (!token) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
};
