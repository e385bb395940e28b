import { APP_BASE_HREF } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  ErrorHandler,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideAnimationsAsync } from '@angular/platform-browser/animations/async';
import { provideRouter } from '@angular/router';
import { OAuthStorage, provideOAuthClient } from 'angular-oauth2-oidc';

import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth-interceptor';
import { authStorage } from './core/auth/auth-storage';
import { AuthStore } from './core/auth/auth-store';
import { AppErrorHandler } from './core/http/app-error-handler';
import { errorInterceptor } from './core/http/error-interceptor';
import { provideAppIcons } from './core/layout/app-icons';
import { ThemeStore } from './core/layout/theme-store';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    { provide: ErrorHandler, useClass: AppErrorHandler },
    provideRouter(routes),
    // The portal lives at the site root. index.html has no <base> element: the CSP's
    // `base-uri 'none'` forbids one, and the build writes root-relative asset URLs instead.
    { provide: APP_BASE_HREF, useValue: '/' },
    // ngx-charts (usage dashboards) animates with @angular/animations; the async provider
    // loads the animation engine only when a chart first renders, keeping it out of the initial bundle.
    provideAnimationsAsync(),
    // errorInterceptor runs first so that its retry after a 401 passes authInterceptor again.
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, authInterceptor])),
    provideOAuthClient(),
    { provide: OAuthStorage, useFactory: authStorage },
    provideAppIcons(),
    // Creating ThemeStore applies the stored light/dark choice before the first render.
    provideAppInitializer(() => {
      inject(ThemeStore);
    }),
    provideAppInitializer(() => inject(AuthStore).initialize()),
  ],
};
