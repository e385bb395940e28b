import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import { BwsLogEntry, formatDetails } from '../bws-log-entry';
import { formatDuration } from '../usage-format';
import { DateTime } from '../../../shared/time/date-time';

/** Every field of one log entry, its details as indented JSON. */
@Component({
  selector: 'app-log-entry-details',
  imports: [ DateTime,MatButtonModule, MatIconModule],
  template: `
    <header class="header">
      <h2>Log entry</h2>
      <button mat-icon-button type="button" aria-label="Close details" (click)="closed.emit()">
        <mat-icon svgIcon="close" />
      </button>
    </header>
    @let shown = entry();
    <dl class="fields">
      <dt>Time</dt>
      <dd><app-date-time [value]="shown.at" /> <span class="secondary">{{ shown.at }}</span></dd>
      <dt>Client</dt>
      <dd>{{ shown.client }}</dd>
      <dt>Instance</dt>
      <dd>{{ shown.instance ?? '—' }}</dd>
      <dt>Operation</dt>
      <dd>{{ shown.operation }}</dd>
      <dt>Result</dt>
      <dd>{{ shown.result }}</dd>
      <dt>Error code</dt>
      <dd>{{ shown.errorCode ?? '—' }}</dd>
      <dt>Duration</dt>
      <dd>{{ formatDuration(shown.durationMs) }}</dd>
      <dt>BCID</dt>
      <dd class="code">{{ shown.bcid ?? '—' }}</dd>
      <dt>Source</dt>
      <dd>{{ shown.source === 'bws' ? 'BWS' : 'BFF' }}</dd>
      <dt>Entry id</dt>
      <dd class="code">{{ shown.id }}</dd>
    </dl>
    <h3>Details</h3>
    <pre aria-label="Details as JSON">{{ formatDetails(shown.details) }}</pre>
  `,
  styles: `
    :host {
      display: block;
      padding: 8px 16px 16px;
    }
    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    h3 {
      font: var(--mat-sys-title-small);
    }
    .fields {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }
    .secondary {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .code {
      font-family: monospace;
    }
    pre {
      margin: 0;
      padding: 12px;
      overflow-x: auto;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container);
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogEntryDetails {
  readonly entry = input.required<BwsLogEntry>();
  readonly closed = output<void>();

  protected readonly formatDetails = formatDetails;
  protected readonly formatDuration = formatDuration;
}
