import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { CallsChart } from '../calls-chart/calls-chart';
import { RangePicker } from '../range-picker/range-picker';
import { TopErrorsChart } from '../top-errors-chart/top-errors-chart';
import { UsageCsvButton } from '../usage-csv-button/usage-csv-button';
import { UsageFigures } from '../usage-figures/usage-figures';
import { DEFAULT_RANGE_SELECTION, resolveRange } from '../usage-range';
import { UsageStore } from '../usage-store';
import { UsageTarget } from '../usage-target';

/**
 * The usage of one client (series per operation) or installation (series per instance):
 * key figures, calls over time and top error codes for a picked range, downloadable as CSV.
 */
@Component({
  selector: 'app-usage-dashboard',
  imports: [CallsChart, EmptyState, ErrorState, MatProgressBarModule, RangePicker, TopErrorsChart, UsageCsvButton, UsageFigures],
  providers: [UsageStore],
  templateUrl: './usage-dashboard.html',
  styleUrl: './usage-dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageDashboard {
  private readonly store = inject(UsageStore);

  readonly target = input.required<UsageTarget>();
  /** The client's or installation's name, for the CSV file. */
  readonly subject = input.required<string>();
  /** What one series of the chart is: "Operation" or "Instance". */
  readonly seriesLabel = input.required<string>();

  protected readonly selection = signal(DEFAULT_RANGE_SELECTION);
  protected readonly range = computed(() => resolveRange(this.selection()));
  protected readonly report = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;

  constructor() {
    effect(() => {
      const target = this.target();
      const range = this.range();
      if (range) untracked(() => this.store.load(target, range));
    });
  }

  protected retry(): void {
    this.store.reload();
  }
}
