import { DOCUMENT } from '@angular/common';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { OAuthService } from 'angular-oauth2-oidc';
import { beforeEach, describe, expect, it } from 'vitest';

import { authInterceptor } from './auth-interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let origin: string;
  let accessToken: string | null;

  beforeEach(() => {
    accessToken = 'access-token-1';
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: OAuthService, useValue: { getAccessToken: () => accessToken } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    origin = TestBed.inject(DOCUMENT).location.origin;
  });

  function authorizationSentTo(url: string): string | null {
    http.get(url).subscribe();
    const request = backend.expectOne(url);
    request.flush({});
    return request.request.headers.get('Authorization');
  }

  it('adds the bearer token to relative /api/ requests', () => {
    expect(authorizationSentTo('/api/me')).toBe('Bearer access-token-1');
  });

  it('adds the bearer token to absolute /api/ URLs on the page origin', () => {
    expect(authorizationSentTo(`${origin}/api/clients`)).toBe('Bearer access-token-1');
  });

  it('sends no token to another origin, even on an /api/ path', () => {
    expect(authorizationSentTo('https://elsewhere.example/api/me')).toBeNull();
  });

  it('sends no token to same-origin paths outside /api/', () => {
    expect(authorizationSentTo('/portal-config.json')).toBeNull();
    expect(authorizationSentTo('/oidc/token')).toBeNull();
    expect(authorizationSentTo('/apiary')).toBeNull();
  });

  it('sends no Authorization header when there is no access token', () => {
    accessToken = null;
    expect(authorizationSentTo('/api/me')).toBeNull();
  });
});
