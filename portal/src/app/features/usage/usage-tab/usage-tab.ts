import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { UsageDashboard } from '../usage-dashboard/usage-dashboard';
import { UsageTarget } from '../usage-target';

/**
 * The Usage tab of a client or installation page. The dashboard is deferred, so the
 * charts library loads only when usage is shown, not with every page that has the tab.
 */
@Component({
  selector: 'app-usage-tab',
  imports: [MatProgressBarModule, UsageDashboard],
  template: `
    @defer (on immediate) {
      <app-usage-dashboard [target]="target()" [subject]="subject()" [seriesLabel]="seriesLabel()" />
    } @placeholder {
      <mat-progress-bar mode="indeterminate" aria-label="Loading usage" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageTab {
  readonly target = input.required<UsageTarget>();
  /** The client's or installation's name, for the CSV file. */
  readonly subject = input.required<string>();
  /** What one series of the chart is: "Operation" or "Instance". */
  readonly seriesLabel = input.required<string>();
}
