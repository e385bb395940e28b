import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { authGuard } from './auth-guard';
import { AuthStore } from './auth-store';

describe('authGuard', () => {
  const auth = { isAuthenticated: vi.fn(() => false), signInError: vi.fn((): string | null => null), signIn: vi.fn() };

  beforeEach(() => {
    vi.clearAllMocks();
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AuthStore, useValue: auth }] });
  });

  function guard(url: string) {
    const state = { url } as RouterStateSnapshot;
    return TestBed.runInInjectionContext(() => authGuard(new ActivatedRouteSnapshot(), state));
  }

  it('lets signed-in users through', () => {
    auth.isAuthenticated.mockReturnValue(true);

    expect(guard('/clients')).toBe(true);
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  it('starts the sign-in and asks to come back to the requested page', () => {
    auth.isAuthenticated.mockReturnValue(false);

    expect(guard('/installations')).toBe(false);
    expect(auth.signIn).toHaveBeenCalledWith('/installations');
  });

  it('shows /signed-out instead of redirecting again after a failed sign-in', () => {
    auth.isAuthenticated.mockReturnValue(false);
    auth.signInError.mockReturnValue('The identity provider answered: access_denied');

    const result = guard('/clients');

    expect(result).toBeInstanceOf(UrlTree);
    expect(String(result)).toBe('/signed-out');
    expect(auth.signIn).not.toHaveBeenCalled();
  });
});
