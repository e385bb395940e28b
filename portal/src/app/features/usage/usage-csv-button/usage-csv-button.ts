import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import { saveFile } from '../../../shared/browser/save-file';
import { usageCsv, usageCsvFileName } from '../usage-csv';
import { UsageTimeline } from '../usage-report';
import { fillTimeline } from '../usage-series';

/** "Download CSV" of the calls chart's data; disabled while the chart shows nothing. */
@Component({
  selector: 'app-usage-csv-button',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <button mat-stroked-button type="button" [disabled]="!hasCalls()" (click)="download()">
      <mat-icon svgIcon="download" />
      Download CSV
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageCsvButton {
  private readonly document = inject(DOCUMENT);

  readonly timeline = input.required<UsageTimeline | null>();
  /** Names the file: the client's or installation's name. */
  readonly subject = input.required<string>();

  protected readonly hasCalls = computed(() => (this.timeline()?.total ?? 0) > 0);

  protected download(): void {
    const timeline = this.timeline();
    if (!timeline) return;
    // The same filling as the chart's, so the file holds exactly what is drawn.
    const blob = new Blob([usageCsv(fillTimeline(timeline))], { type: 'text/csv;charset=utf-8' });
    saveFile(this.document, blob, usageCsvFileName(this.subject(), timeline));
  }
}
