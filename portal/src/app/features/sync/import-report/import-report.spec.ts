import { ComponentFixture, TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { INSTALLATION_ID } from '../../../testing/api-samples';
import { ClientImportReport, ImportMessage, ImportMessageKind, parseImportReport } from '../client-import-report';
import { ImportReport } from './import-report';

const message = (kind: ImportMessageKind, client: string): ImportMessage => ({ kind, client, text: `${kind} of ${client}` });

const MESSAGES: readonly ImportMessage[] = [
  message('notSynchronized', 'alpha'),
  message('certificateAdded', 'alpha'),
  message('certificateUnknown', 'beta'),
  message('imported', 'beta'),
  message('onlyInBws', 'gamma'),
  message('inSync', 'delta'),
  message('notImported', 'epsilon'),
  message('imported', 'zeta'),
];

const REPORT: ClientImportReport = parseImportReport({
  installationId: INSTALLATION_ID,
  finishedAt: '2026-03-02T10:00:00.000Z',
  counts: {
    notSynchronized: 1,
    certificateAdded: 1,
    certificateUnknown: 1,
    imported: 2,
    onlyInBws: 1,
    inSync: 1,
    notImported: 1,
  },
  messages: MESSAGES,
});

describe('ImportReport', () => {
  let fixture: ComponentFixture<ImportReport>;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ImportReport] });
    fixture = TestBed.createComponent(ImportReport);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  async function render(report: ClientImportReport, installationName?: string): Promise<HTMLElement> {
    fixture.componentRef.setInput('report', report);
    if (installationName) fixture.componentRef.setInput('installationName', installationName);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function rows(page: HTMLElement): { icon: string | null; kind: string; client: string }[] {
    return Array.from(page.querySelectorAll('tbody tr'), (row) => {
      const cells = row.querySelectorAll('td');
      return {
        icon: cells[0]?.querySelector('mat-icon')?.getAttribute('data-mat-icon-name') ?? null,
        kind: cells[0]?.textContent?.trim() ?? '',
        client: cells[1]?.textContent?.trim() ?? '',
      };
    });
  }

  it('shows every message with the icon of its kind', async () => {
    const page = await render(REPORT);

    expect(rows(page).map((row) => [row.icon, row.kind])).toEqual([
      ['sync-problem', 'Not synchronized'],
      ['verified', 'Certificate added'],
      ['help', 'Certificate unknown'],
      ['download-done', 'Imported'],
      ['cloud-off', 'Only in BWS'],
      ['check', 'In sync'],
      ['error', 'Not imported'],
      ['download-done', 'Imported'],
    ]);
    expect(page.querySelector('tbody mat-icon')?.getAttribute('data-mat-icon-namespace')).toBe('sync');
  });

  it('sums up the counts per kind, what needs attention first', async () => {
    const page = await render(REPORT);

    const chips = Array.from(page.querySelectorAll('mat-chip-option'), (chip) => chip.textContent?.trim());
    expect(chips).toEqual([
      'Not imported: 1',
      'Not synchronized: 1',
      'Certificate unknown: 1',
      'Only in BWS: 1',
      'Imported: 2',
      'Certificate added: 1',
      'In sync: 1',
    ]);
    expect(page.querySelector('.summary')?.textContent).toContain('8 messages');
  });

  it('shows only the kinds picked in the filter', async () => {
    const page = await render(REPORT);

    const imported = Array.from(page.querySelectorAll('mat-chip-option')).find((chip) =>
      chip.textContent?.includes('Imported'),
    );
    imported?.querySelector<HTMLElement>('[role="option"]')?.click();
    await fixture.whenStable();

    expect(rows(page).map((row) => row.client)).toEqual(['beta', 'zeta']);
  });

  it('shows the error that stopped the import prominently', async () => {
    const page = await render({
      ...REPORT,
      counts: {},
      messages: [],
      error: "The installation's database could not be read: connection refused",
    });

    const alert = page.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The import stopped.');
    expect(alert?.textContent).toContain('connection refused');
    expect(page.querySelector('table')).toBeNull();
  });

  it('downloads the messages as a CSV file named after the installation and day', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:report');
    // jsdom has no object URLs; saveFile only creates and revokes one.
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL: vi.fn() }));
    let link: HTMLAnchorElement | undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      link = this;
    });
    const page = await render(REPORT, 'demo');

    Array.from(page.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Download CSV')
      ?.click();
    // Let saveFile revoke the URL while URL is still stubbed.
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(link?.download).toBe('import-report-demo-2026-03-02.csv');
    expect(link?.href).toBe('blob:report');
    expect(createObjectURL.mock.calls[0]?.[0].type).toBe('text/csv;charset=utf-8');
  });
});
