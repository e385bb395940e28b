import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';

import { AuthStore } from '../../../core/auth/auth-store';
import { Me } from '../../../core/auth/me';
import { provideAppIcons } from '../../../core/layout/app-icons';
import { INSTALLATION_ID } from '../../../testing/api-samples';
import { AuditLog } from './audit-log';

const VIEWER: Me = {
  id: '6f1c2a8e-0000-4000-8000-000000000013',
  username: 'viewer',
  displayName: 'Vera Viewer',
  email: null,
  isPlatformAdmin: false,
  installations: [{ id: INSTALLATION_ID, name: 'demo', role: 'View', expiresAt: null }],
  clients: [],
};

describe('AuditLog', () => {
  let backend: HttpTestingController;

  function render(me: Me): HTMLElement {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideAppIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { me: signal(me) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditLog);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  beforeEach(() => TestBed.resetTestingModule());

  it('tells a user without an Owner role that the audit log is not open to them, and asks for no events', () => {
    const page = render(VIEWER);

    expect(page.querySelector('h1')?.textContent).toBe('The audit log is not open to you');
    expect(page.textContent).toContain('No access (403)');
    expect(page.querySelector('a')?.getAttribute('href')).toBe('/clients');
    backend.expectNone((request) => request.url.startsWith('/api/audit'));
  });

  it('shows the log to an Owner', () => {
    const page = render({ ...VIEWER, installations: [{ id: INSTALLATION_ID, name: 'demo', role: 'Owner', expiresAt: null }] });

    expect(page.querySelector('h1')?.textContent).toBe('Audit log');
  });
});
