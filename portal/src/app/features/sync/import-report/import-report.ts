/*
 * Usage, after creating an installation or saving its connection string:
 *
 *   // in the store or dialog that sent POST/PATCH /api/installations:
 *   //   const report = readImportReport(body);   // from features/sync/client-import-report
 *   @if (importReport(); as report) {
 *     <app-import-report [report]="report" [installationName]="installation.name" />
 *   }
 *
 * `installationName` only names the CSV file; without it the installation id is used.
 */
import { DOCUMENT, DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';

import { saveFile } from '../../../shared/browser/save-file';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { ClientImportReport, IMPORT_MESSAGE_KINDS, ImportMessageKind } from '../client-import-report';
import { importReportCsv, importReportFileName } from '../import-report-csv';
import { registerSyncIcons } from '../sync-icons';
import { DateTime } from '../../../shared/time/date-time';

interface KindLook {
  readonly label: string;
  readonly icon: string;
  /** Colours the icon: what needs a look is warning or error. */
  readonly tone: 'error' | 'warning' | 'neutral';
}

const IMPORT_KIND_LOOKS: Readonly<Record<ImportMessageKind, KindLook>> = {
  notImported: { label: 'Not imported', icon: 'sync:error', tone: 'error' },
  notSynchronized: { label: 'Not synchronized', icon: 'sync:sync-problem', tone: 'warning' },
  certificateUnknown: { label: 'Certificate unknown', icon: 'sync:help', tone: 'warning' },
  onlyInBws: { label: 'Only in BWS', icon: 'sync:cloud-off', tone: 'warning' },
  imported: { label: 'Imported', icon: 'sync:download-done', tone: 'neutral' },
  certificateAdded: { label: 'Certificate added', icon: 'sync:verified', tone: 'neutral' },
  inSync: { label: 'In sync', icon: 'sync:check', tone: 'neutral' },
};

/**
 * What importing an installation's clients found: counts per kind, the error that stopped
 * the import, and every message, filterable by kind and downloadable as CSV.
 */
@Component({
  selector: 'app-import-report',
  imports: [ DateTime,MatButtonModule, MatChipsModule, MatIconModule, MatTableModule, TypedCellDef],
  templateUrl: './import-report.html',
  styleUrl: './import-report.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportReport {
  private readonly document = inject(DOCUMENT);

  /** Parsed with parseImportReport (or readImportReport on the whole answer). */
  readonly report = input.required<ClientImportReport>();
  /** Names the CSV file; the installation id stands in when it is not given. */
  readonly installationName = input<string | null>(null);

  protected readonly looks = IMPORT_KIND_LOOKS;
  protected readonly columns = ['kind', 'client', 'text'];
  /** Kinds picked in the filter; none picked shows every message. A new report starts unfiltered. */
  protected readonly selectedKinds = linkedSignal<ClientImportReport, ReadonlySet<ImportMessageKind>>({
    source: this.report,
    computation: () => new Set(),
  });

  /** Kinds with at least one message, in attention order, with their counts. */
  protected readonly kindCounts = computed(() => {
    const { counts, messages } = this.report();
    return IMPORT_MESSAGE_KINDS.map((kind) => ({
      kind,
      count: counts[kind] ?? messages.filter((message) => message.kind === kind).length,
    })).filter((entry) => entry.count > 0);
  });
  protected readonly visibleMessages = computed(() => {
    const selected = this.selectedKinds();
    const messages = this.report().messages;
    return selected.size === 0 ? messages : messages.filter((message) => selected.has(message.kind));
  });

  constructor() {
    registerSyncIcons();
  }

  protected toggleKind(kind: ImportMessageKind, selected: boolean): void {
    this.selectedKinds.update((kinds) => {
      const next = new Set(kinds);
      if (selected) next.add(kind);
      else next.delete(kind);
      return next;
    });
  }

  protected downloadCsv(): void {
    const report = this.report();
    const blob = new Blob([importReportCsv(report.messages)], { type: 'text/csv;charset=utf-8' });
    saveFile(this.document, blob, importReportFileName(report, this.installationName()));
  }
}
