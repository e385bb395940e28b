import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { readFileAsText } from '../../../shared/browser/read-file';
import { INSTALLATION_ID, USAGE_REPORT } from '../../../testing/api-samples';
import { UsageDashboard } from './usage-dashboard';
import { fakeResizeObserver } from '../../../testing/fake-resize-observer';

const USAGE_URL = '/api/clients/demo-client/usage';

describe('UsageDashboard', () => {
  let fixture: ComponentFixture<UsageDashboard>;
  let backend: HttpTestingController;

  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', fakeResizeObserver(600, 360));
    TestBed.configureTestingModule({
      imports: [UsageDashboard],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideAppIcons()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsageDashboard);
    fixture.componentRef.setInput('target', { kind: 'client', name: 'demo-client' });
    fixture.componentRef.setInput('subject', 'demo-client');
    fixture.componentRef.setInput('seriesLabel', 'Operation');
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  async function usageRequest(url = USAGE_URL): Promise<TestRequest> {
    await fixture.whenStable();
    return backend.expectOne((candidate) => candidate.url === url);
  }

  async function show(report: object): Promise<HTMLElement> {
    (await usageRequest()).flush(report);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function figures(page: HTMLElement): Record<string, string> {
    return Object.fromEntries(
      Array.from(page.querySelectorAll('.figure'), (figure) => [
        figure.querySelector('dt')?.textContent?.trim() ?? '',
        figure.querySelector('dd')?.textContent?.trim() ?? '',
      ]),
    );
  }

  function button(page: HTMLElement, label: string): HTMLButtonElement | undefined {
    return Array.from(page.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
  }

  it('asks for the last 7 days in day buckets first', async () => {
    const request = await usageRequest();

    expect(request.request.params.get('bucket')).toBe('day');
    const days = (Date.parse(request.request.params.get('to')!) - Date.parse(request.request.params.get('from')!)) / 86_400_000;
    expect(days).toBe(7);
  });

  it('shows the key figures as text and names its charts', async () => {
    const page = await show(USAGE_REPORT);

    expect(figures(page)).toEqual({ 'Total calls': '1,234', 'Success rate': '97.5 %', p50: '120 ms', p95: '480 ms' });
    expect(page.querySelector('[aria-label="Calls over time"] ngx-charts-area-chart-stacked')).not.toBeNull();
    expect(page.querySelector('[aria-label="Top error codes"] ngx-charts-bar-horizontal')).not.toBeNull();
    const errorRows = Array.from(page.querySelectorAll('app-top-errors-chart table tr'), (row) =>
      Array.from(row.children, (cell) => cell.textContent?.trim()),
    );
    expect(errorRows).toEqual([
      ['Error code', 'Calls'],
      ['NoFaceFound', '21'],
      ['LivenessFailed', '10'],
    ]);
  });

  it('says so when there were no calls, and offers no download', async () => {
    const page = await show({ ...USAGE_REPORT, total: 0, successRate: null, series: [], topErrors: [], durationMs: { p50: null, p95: null } });

    expect(page.textContent).toContain('No calls in this range');
    expect(page.querySelector('[aria-label="Calls over time"]')).toBeNull();
    expect(button(page, 'Download CSV')?.disabled).toBe(true);
  });

  it('shows the error with a retry that asks again', async () => {
    (await usageRequest()).flush({ Message: 'The range may span at most 400 days.', Code: 'ValidationFailed' }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('The range may span at most 400 days.');

    button(page, 'Retry')?.click();

    (await usageRequest()).flush(USAGE_REPORT);
    await fixture.whenStable();
    expect(figures(page)['Total calls']).toBe('1,234');
  });

  it('downloads exactly the charted counts, missing days as 0, named after the client and range', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:usage');
    // jsdom has no object URLs; saveFile only creates and revokes one.
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL: vi.fn() }));
    let link: HTMLAnchorElement | undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      link = this;
    });
    const page = await show(USAGE_REPORT);

    button(page, 'Download CSV')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(link?.download).toBe('demo-client-usage-2026-03-04-2026-03-11.csv');
    const lines = (await readFileAsText(createObjectURL.mock.calls[0]![0])).replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('bucket,series,count');
    expect(lines).toHaveLength(1 + 7 * 2 + 1);
    expect(lines.slice(1, 5)).toEqual([
      '2026-03-04T00:00:00.000Z,enroll,0',
      '2026-03-04T00:00:00.000Z,verify,0',
      '2026-03-05T00:00:00.000Z,enroll,20',
      '2026-03-05T00:00:00.000Z,verify,1200',
    ]);
  });

  it("asks for an installation's usage per instance at its own URL", async () => {
    fixture.componentRef.setInput('target', { kind: 'installation', id: INSTALLATION_ID });

    expect((await usageRequest(`/api/installations/${INSTALLATION_ID}/usage`)).request.params.get('bucket')).toBe('day');
  });
});
