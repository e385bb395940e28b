import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { INSTALLATION_ID, USAGE_OVERVIEW } from '../../../testing/api-samples';
import { UsageOverview } from './usage-overview';
import { fakeResizeObserver } from '../../../testing/fake-resize-observer';

const OVERVIEW_URL = '/api/usage/overview';

describe('UsageOverview', () => {
  let fixture: ComponentFixture<UsageOverview>;
  let backend: HttpTestingController;

  afterEach(() => vi.unstubAllGlobals());

  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', fakeResizeObserver(600, 360));
    TestBed.configureTestingModule({
      imports: [UsageOverview],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideRouter([]), provideAppIcons()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsageOverview);
  });

  async function show(body: object, status?: { status: number; statusText: string }): Promise<HTMLElement> {
    await fixture.whenStable();
    const request = backend.expectOne((candidate) => candidate.url === OVERVIEW_URL);
    expect(request.request.params.get('bucket')).toBe('day');
    request.flush(body, status);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function rows(page: HTMLElement, table: string): (string | undefined)[][] {
    return Array.from(page.querySelectorAll(`table[aria-label="${table}"] tr`), (row) =>
      Array.from(row.children, (cell) => cell.textContent?.trim()),
    );
  }

  it('shows calls per installation over time, totals per installation and the top clients', async () => {
    const page = await show(USAGE_OVERVIEW);

    expect(page.querySelector('[aria-label="Calls over time"] ngx-charts-area-chart-stacked')).not.toBeNull();
    expect(rows(page, 'Calls per installation')).toEqual([
      ['Installation', 'Calls', 'Success rate', 'Errors'],
      ['demo', '1,234', '97.5 %', '31'],
    ]);
    expect(rows(page, 'Top clients')).toEqual([
      ['Client', 'Installation', 'Calls'],
      ['demo-client', 'demo', '1,234'],
    ]);
    const links = Array.from(page.querySelectorAll('table a'), (link) => link.getAttribute('href'));
    expect(links).toEqual([`/installations/${INSTALLATION_ID}`, '/clients/demo-client']);
  });

  it('shows the refusal for users who are not platform administrators', async () => {
    const page = await show(
      { Message: 'Only platform administrators see the overview.', Code: 'Forbidden' },
      { status: 403, statusText: 'Forbidden' },
    );

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Only platform administrators see the overview.');
  });

  it('says so when no installation was called', async () => {
    const page = await show({ ...USAGE_OVERVIEW, total: 0, successRate: null, series: [], installations: [], topClients: [] });

    expect(page.textContent).toContain('No calls in this range');
  });
});
