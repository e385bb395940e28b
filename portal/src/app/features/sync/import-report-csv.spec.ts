import { describe, expect, it } from 'vitest';

import { ClientImportReport } from './client-import-report';
import { importReportCsv, importReportFileName } from './import-report-csv';

const BOM = '\uFEFF';

describe('importReportCsv', () => {
  it('starts with a UTF-8 BOM and the header, and ends every row with CRLF', () => {
    expect(importReportCsv([])).toBe(`${BOM}kind,client,text\r\n`);
  });

  it('writes one row per message, quoting the fields that need it', () => {
    const csv = importReportCsv([
      { kind: 'imported', client: 'plain-client', text: 'Imported.' },
      { kind: 'notImported', client: 'odd,name', text: 'Client \'odd,name\' could not be imported: field "x"\nmissing' },
    ]);

    expect(csv).toBe(
      `${BOM}kind,client,text\r\n` +
        'imported,plain-client,Imported.\r\n' +
        'notImported,"odd,name","Client \'odd,name\' could not be imported: field ""x""\nmissing"\r\n',
    );
  });

  it('encodes as UTF-8 with the BOM bytes first', () => {
    // What Blob does with a string: UTF-8.
    const bytes = new TextEncoder().encode(importReportCsv([]));
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('importReportFileName', () => {
  const report: ClientImportReport = {
    installationId: '6f1c2a8e-0000-4000-8000-0000000000aa',
    finishedAt: '2026-03-02T23:30:00.000Z',
    counts: {},
    messages: [],
    error: null,
  };

  it('names the file after the installation and the UTC day the import finished', () => {
    expect(importReportFileName(report, 'demo')).toBe('import-report-demo-2026-03-02.csv');
  });

  it('falls back to the installation id and keeps the name safe for file systems', () => {
    expect(importReportFileName(report, null)).toBe('import-report-6f1c2a8e-0000-4000-8000-0000000000aa-2026-03-02.csv');
    expect(importReportFileName(report, 'Werk 2/Halle')).toBe('import-report-Werk-2-Halle-2026-03-02.csv');
  });
});
