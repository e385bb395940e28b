import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BarChartModule } from '@swimlane/ngx-charts';

import { ERROR_COLORS } from '../chart-colors';
import { formatCount, formatCountTick } from '../usage-format';
import { ContainerSize } from '../container-size';

/** The most frequent error codes as horizontal bars, with the same figures in a table for screen readers. */
@Component({
  selector: 'app-top-errors-chart',
  imports: [BarChartModule, ContainerSize],
  template: `
    <h2 class="chart-title">Top error codes</h2>
    @if (errors().length === 0) {
      <p class="none">No errors in this range.</p>
    } @else {
      <div class="chart" role="img" aria-label="Top error codes" [style.height.px]="height()" appContainerSize #box="containerSize">
        @if (box.size(); as view) {
          <ngx-charts-bar-horizontal
            [view]="view"
            [results]="bars()"
            [scheme]="colors"
            [xAxis]="true"
            [yAxis]="true"
            [showDataLabel]="true"
            [xAxisTickFormatting]="formatCountTick"
          />
        }
      </div>
      <table class="cdk-visually-hidden">
        <caption>Top error codes</caption>
        <tr><th scope="col">Error code</th><th scope="col">Calls</th></tr>
        @for (error of errors(); track error.code) {
          <tr><td>{{ error.code }}</td><td>{{ formatCount(error.count) }}</td></tr>
        }
      </table>
    }
  `,
  styles: `
    @use '../chart-theme';

    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopErrorsChart {
  readonly errors = input.required<readonly { readonly code: string; readonly count: number }[]>();

  protected readonly colors = ERROR_COLORS;
  protected readonly bars = computed(() => this.errors().map((error) => ({ name: error.code, value: error.count })));
  /** Room for every bar, as the chart squeezes them into whatever height it gets. */
  protected readonly height = computed(() => 64 + 32 * this.errors().length);
  protected readonly formatCount = formatCount;
  protected readonly formatCountTick = formatCountTick;
}
