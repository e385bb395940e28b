import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

import { ClientImportReport, importOutcome } from '../client-import-report';
import { ImportReport } from '../import-report/import-report';

export interface ImportReportDialogData {
  readonly report: ClientImportReport;
  /** Names the CSV file. */
  readonly installationName: string;
}

/** The import report right after a connection string was saved, whether the import ran through or not. */
@Component({
  selector: 'app-import-report-dialog',
  imports: [ImportReport, MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>Import report</h2>
    <mat-dialog-content>
      <p class="outcome" [class.failed]="data.report.error !== null">{{ outcome }}</p>
      <app-import-report [report]="data.report" [installationName]="data.installationName" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .outcome {
      margin-top: 0;
    }
    .failed {
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportReportDialog {
  protected readonly data = inject<ImportReportDialogData>(MAT_DIALOG_DATA);
  protected readonly outcome = importOutcome(this.data.report);
}

/** Opens the import report and resolves when the user closes it. */
export async function showImportReport(dialog: MatDialog, data: ImportReportDialogData): Promise<void> {
  const ref = dialog.open<ImportReportDialog, ImportReportDialogData, void>(ImportReportDialog, {
    data,
    width: '64rem',
    maxWidth: '95vw',
    autoFocus: 'dialog',
  });
  await firstValueFrom(ref.afterClosed());
}
