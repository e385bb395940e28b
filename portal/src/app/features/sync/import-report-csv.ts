import { fileNameSafe, toCsv } from '../../shared/data/csv';
import { ClientImportReport, ImportMessage } from './client-import-report';

/** The import report as CSV (see shared/data/csv): columns `kind,client,text`, one row per message, in the report's order. */
const HEADER = ['kind', 'client', 'text'] as const;

export function importReportCsv(messages: readonly ImportMessage[]): string {
  return toCsv([HEADER, ...messages.map((message) => [message.kind, message.client, message.text])]);
}

/** `import-report-<installation>-<yyyy-mm-dd>.csv`, dated by when the import finished (UTC). */
export function importReportFileName(report: ClientImportReport, installationName: string | null): string {
  const installation = fileNameSafe(installationName ?? report.installationId);
  return `import-report-${installation}-${new Date(report.finishedAt).toISOString().slice(0, 10)}.csv`;
}
