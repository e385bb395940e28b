import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { DIAGNOSTIC_ENTRY, INSTALLATION_ID } from '../../../testing/api-samples';
import { InstallationDiagnostics } from './installation-diagnostics';

const DIAGNOSTICS_URL = `/api/installations/${INSTALLATION_ID}/diagnostics`;

describe('InstallationDiagnostics', () => {
  let fixture: ComponentFixture<InstallationDiagnostics>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InstallationDiagnostics],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InstallationDiagnostics);
    fixture.componentRef.setInput('installationId', INSTALLATION_ID);
  });

  async function show(entries: object[]): Promise<HTMLElement> {
    await fixture.whenStable();
    backend.expectOne(DIAGNOSTICS_URL).flush({ entries });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists time, level, source, client and message', async () => {
    const page = await show([DIAGNOSTIC_ENTRY, { ...DIAGNOSTIC_ENTRY, level: 'warning', source: 'import', client: null }]);

    expect(Array.from(page.querySelectorAll('th'), (header) => header.textContent?.trim())).toEqual([
      'Time',
      'Level',
      'Source',
      'Client',
      'Message',
    ]);
    const rows = Array.from(page.querySelectorAll('tbody tr'), (row) =>
      Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim()).slice(1),
    );
    expect(rows).toEqual([
      ['Error', 'Sync', 'demo-client', DIAGNOSTIC_ENTRY.message],
      ['Warning', 'Import', '—', DIAGNOSTIC_ENTRY.message],
    ]);
  });

  it('says "No problems recorded" when there are none', async () => {
    const page = await show([]);

    expect(page.querySelector('app-empty-state h2')?.textContent?.trim()).toBe('No problems recorded');
  });
});
