import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { BWS_LOG_ENTRY, INSTALLATION_ID } from '../../../testing/api-samples';
import { BwsLogViewer } from './bws-log-viewer';

const CLIENT_LOG_URL = '/api/clients/demo-client/bwslog';
const INSTALLATION_LOG_URL = `/api/installations/${INSTALLATION_ID}/bwslog`;
const PAGE = {
  from: '2026-03-04T00:00:00.000Z',
  to: '2026-03-11T00:00:00.000Z',
  total: 1,
  skip: 0,
  take: 50,
  entries: [BWS_LOG_ENTRY],
};

describe('BwsLogViewer', () => {
  let fixture: ComponentFixture<BwsLogViewer>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [BwsLogViewer],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppIcons()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BwsLogViewer);
  });

  async function open(target: object, url: string, page: object = PAGE): Promise<HTMLElement> {
    fixture.componentRef.setInput('target', target);
    await fixture.whenStable();
    backend.expectOne((candidate) => candidate.url === url).flush(page);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function headers(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('th'), (header) => header.textContent?.trim() ?? '');
  }

  function nextRequest(url: string): Promise<TestRequest> {
    return vi.waitFor(() => backend.expectOne((candidate) => candidate.url === url));
  }

  it('lists a client log with its columns and no client column, 50 entries a page', async () => {
    fixture.componentRef.setInput('target', { kind: 'client', name: 'demo-client' });
    await fixture.whenStable();
    const request = backend.expectOne((candidate) => candidate.url === CLIENT_LOG_URL);
    expect(request.request.params.get('skip')).toBe('0');
    expect(request.request.params.get('take')).toBe('50');
    request.flush(PAGE);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    expect(headers(page)).toEqual(['Time', 'Operation', 'Result', 'Error code', 'Duration', 'Instance']);
    const cells = Array.from(page.querySelectorAll('tbody td'), (cell) => cell.textContent?.trim());
    expect(cells.slice(1)).toEqual(['verify', 'failure', 'NoFaceFound', '130 ms', 'bws-1']);
    expect(page.querySelector('mat-form-field input[formControlName="client"]')).toBeNull();
  });

  it('adds the client column and filter for an installation log', async () => {
    const page = await open({ kind: 'installation', id: INSTALLATION_ID }, INSTALLATION_LOG_URL);

    expect(headers(page)).toEqual(['Time', 'Client', 'Operation', 'Result', 'Error code', 'Duration', 'Instance']);
    expect(page.querySelector('input[formControlName="client"]')).not.toBeNull();
  });

  it('asks again from the first page with a typed filter', async () => {
    const page = await open({ kind: 'client', name: 'demo-client' }, CLIENT_LOG_URL, { ...PAGE, total: 120 });
    const operation = page.querySelector<HTMLInputElement>('input[formControlName="operation"]')!;

    operation.value = 'enroll';
    operation.dispatchEvent(new Event('input'));

    const request = await nextRequest(CLIENT_LOG_URL);
    expect(request.request.params.get('operation')).toBe('enroll');
    expect(request.request.params.get('skip')).toBe('0');
  });

  it('pages on the server', async () => {
    const page = await open({ kind: 'client', name: 'demo-client' }, CLIENT_LOG_URL, { ...PAGE, total: 120 });

    page.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')?.click();

    expect((await nextRequest(CLIENT_LOG_URL)).request.params.get('skip')).toBe('50');
  });

  it('opens every field of a clicked entry, details as JSON, and closes again', async () => {
    const page = await open({ kind: 'client', name: 'demo-client' }, CLIENT_LOG_URL);

    page.querySelector<HTMLElement>('tbody tr')?.click();
    await fixture.whenStable();

    const details = page.querySelector('app-log-entry-details');
    const fields = Object.fromEntries(
      Array.from(details?.querySelectorAll('dt') ?? [], (term) => [
        term.textContent?.trim(),
        term.nextElementSibling?.textContent?.trim(),
      ]),
    );
    expect(fields).toMatchObject({
      Client: 'demo-client',
      Instance: 'bws-1',
      Operation: 'verify',
      Result: 'failure',
      'Error code': 'NoFaceFound',
      Duration: '130 ms',
      BCID: 'bcid-0001',
      Source: 'BWS',
      'Entry id': BWS_LOG_ENTRY.id,
    });
    expect(JSON.parse(details?.querySelector('pre')?.textContent ?? '')).toEqual(BWS_LOG_ENTRY.details);

    details?.querySelector<HTMLButtonElement>('button[aria-label="Close details"]')?.click();
    await fixture.whenStable();
    expect(page.querySelector('app-log-entry-details')).toBeNull();
  });

  it('says so when nothing was logged', async () => {
    const page = await open({ kind: 'client', name: 'demo-client' }, CLIENT_LOG_URL, { ...PAGE, total: 0, entries: [] });

    expect(page.textContent).toContain('No log entries');
    expect(page.querySelector('table')).toBeNull();
  });
});
