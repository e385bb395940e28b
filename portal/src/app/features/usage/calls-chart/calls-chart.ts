import { formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { AreaChartModule, LegendPosition } from '@swimlane/ngx-charts';

import { SERIES_COLORS } from '../chart-colors';
import { formatCountTick } from '../usage-format';
import { UsageTimeline } from '../usage-report';
import { fillTimeline, toChartSeries } from '../usage-series';
import { ContainerSize } from '../container-size';

/**
 * Calls over time as stacked areas, one per series (operation, instance or installation).
 * Missing buckets count 0 (see fillTimeline). Sized by its container: no fixed view, so
 * ngx-charts follows the width and redraws on window resize.
 */
@Component({
  selector: 'app-calls-chart',
  imports: [AreaChartModule, ContainerSize],
  template: `
    <h2 class="chart-title">Calls over time</h2>
    <div class="chart" role="img" aria-label="Calls over time" appContainerSize #box="containerSize">
      @if (box.size(); as view) {
        <ngx-charts-area-chart-stacked
          [view]="view"
          [results]="series()"
          [scheme]="colors"
          [xAxis]="true"
          [yAxis]="true"
          [showXAxisLabel]="true"
          xAxisLabel="Time (UTC)"
          [legend]="true"
          [legendTitle]="legendTitle()"
          [legendPosition]="legendBelow"
          [xAxisTickFormatting]="formatTime()"
          [yAxisTickFormatting]="formatCountTick"
        />
      }
    </div>
  `,
  styles: `
    @use '../chart-theme';

    .chart {
      height: 360px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallsChart {
  readonly timeline = input.required<UsageTimeline>();
  /** What one series is, e.g. "Operation". */
  readonly legendTitle = input.required<string>();

  protected readonly colors = SERIES_COLORS;
  protected readonly legendBelow = LegendPosition.Below;
  protected readonly formatCountTick = formatCountTick;
  protected readonly series = computed(() => toChartSeries(fillTimeline(this.timeline())));
  /** Buckets are UTC hours or days, so ticks are written in UTC. */
  protected readonly formatTime = computed(() => {
    const format = this.timeline().bucket === 'hour' ? 'MMM d, HH:mm' : 'MMM d';
    return (value: Date) => formatDate(value, format, 'en-US', 'UTC');
  });
}
