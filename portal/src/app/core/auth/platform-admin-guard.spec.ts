import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { Observable, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { AuthStore } from './auth-store';
import { Me } from './me';
import { platformAdminGuard } from './platform-admin-guard';

describe('platformAdminGuard', () => {
  function guard(me: ReturnType<typeof signal<Partial<Me> | null>>) {
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AuthStore, useValue: { me } }] });
    return TestBed.runInInjectionContext(
      () => platformAdminGuard(new ActivatedRouteSnapshot(), {} as RouterStateSnapshot) as Observable<boolean | UrlTree>,
    );
  }

  it('lets platform administrators through once /api/me has loaded', async () => {
    const me = signal<Partial<Me> | null>(null);
    const answer = firstValueFrom(guard(me));
    me.set({ isPlatformAdmin: true });
    TestBed.tick();
    expect(await answer).toBe(true);
  });

  it('sends everyone else to the client list', async () => {
    const result = await firstValueFrom(guard(signal<Partial<Me> | null>({ isPlatformAdmin: false })));
    expect(String(result)).toBe('/clients');
  });
});
