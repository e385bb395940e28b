import { ClientImportReport, ImportMessage } from './client-import-report';

/**
 * The import report as CSV for spreadsheets:
 * - columns `kind,client,text`, one row per message, in the report's order;
 * - RFC 4180: CRLF line ends, fields holding a comma, quote or line break are quoted and
 *   their quotes doubled;
 * - a UTF-8 byte order mark first, so Excel reads umlauts in client names correctly.
 */
const BOM = '\uFEFF';
const HEADER = ['kind', 'client', 'text'] as const;

export function importReportCsv(messages: readonly ImportMessage[]): string {
  const rows = [HEADER, ...messages.map((message) => [message.kind, message.client, message.text])];
  return BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** `import-report-<installation>-<yyyy-mm-dd>.csv`, dated by when the import finished (UTC). */
export function importReportFileName(report: ClientImportReport, installationName: string | null): string {
  const installation = (installationName ?? report.installationId).replace(/[^A-Za-z0-9._-]+/g, '-');
  return `import-report-${installation}-${new Date(report.finishedAt).toISOString().slice(0, 10)}.csv`;
}
