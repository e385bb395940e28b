import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { CallsChart } from '../calls-chart/calls-chart';
import { OverviewStore } from '../overview-store';
import { RangePicker } from '../range-picker/range-picker';
import { UsageCsvButton } from '../usage-csv-button/usage-csv-button';
import { UsageFigures } from '../usage-figures/usage-figures';
import { formatCount, formatRate } from '../usage-format';
import { DEFAULT_RANGE_SELECTION, resolveRange } from '../usage-range';

/** Platform administrators' view of all traffic: calls per installation over time, totals and the busiest clients. */
@Component({
  selector: 'app-usage-overview',
  imports: [
    CallsChart,
    EmptyState,
    ErrorState,
    MatProgressBarModule,
    MatTableModule,
    RangePicker,
    RouterLink,
    TypedCellDef,
    UsageCsvButton,
    UsageFigures,
  ],
  providers: [OverviewStore],
  templateUrl: './usage-overview.html',
  styleUrl: './usage-overview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageOverview {
  private readonly store = inject(OverviewStore);

  protected readonly selection = signal(DEFAULT_RANGE_SELECTION);
  protected readonly range = computed(() => resolveRange(this.selection()));
  protected readonly overview = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly installationColumns = ['name', 'total', 'successRate', 'errors'];
  protected readonly clientColumns = ['name', 'installation', 'total'];
  protected readonly formatCount = formatCount;
  protected readonly formatRate = formatRate;

  constructor() {
    effect(() => {
      const range = this.range();
      if (range) untracked(() => this.store.load(range));
    });
  }

  protected retry(): void {
    this.store.load();
  }
}
