import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { AreaChartModule } from '@swimlane/ngx-charts';

import { DateTime } from '../../../shared/time/date-time';
import { UTC, formatTick } from '../../../shared/time/format-time';
import { TimeZoneStore } from '../../../shared/time/time-zone-store';
import { axisTicks, splitPartialBucket } from '../chart-axis';
import { SERIES_COLORS } from '../chart-colors';
import { ContainerSize } from '../container-size';
import { formatCount, formatCountTick } from '../usage-format';
import { UsageTimeline } from '../usage-report';
import { fillTimeline, toChartSeries } from '../usage-series';

/**
 * Calls over time as stacked areas, one per series (operation, instance or installation).
 * - Missing buckets count 0 (see fillTimeline); the bucket still filling up is left out and
 *   named below the chart (see splitPartialBucket).
 * - Hours are written in the portal's time zone; days are the rollups' UTC days and say so.
 * - The legend is plain HTML below the chart, so it takes its own room and never overlaps
 *   what follows; ngx-charts' own legend is off.
 * - Sized by its container: ngx-charts follows the width and redraws on window resize.
 */
@Component({
  selector: 'app-calls-chart',
  imports: [AreaChartModule, ContainerSize, DateTime],
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
          [xAxisLabel]="axisLabel()"
          [legend]="false"
          [xAxisTicks]="ticks()"
          [xAxisTickFormatting]="formatTime()"
          [yAxisTickFormatting]="formatCountTick"
        />
      }
    </div>
    @if (legend().length > 0) {
      <div class="legend">
        <span class="legend-title" [id]="legendId">{{ legendTitle() }}</span>
        <ul [attr.aria-labelledby]="legendId">
          @for (entry of legend(); track entry.name) {
            <li><span class="swatch" [style.background]="entry.color" aria-hidden="true"></span>{{ entry.name }}</li>
          }
        </ul>
      </div>
    }
    @if (partial(); as partial) {
      <p class="partial">
        Not drawn: the {{ bucketName() }} since <app-date-time [value]="partial.at" />, still in progress,
        {{ formatCount(partial.calls) }} {{ partial.calls === 1 ? 'call' : 'calls' }} so far (counted in the totals).
      </p>
    }
  `,
  styles: `
    @use '../chart-theme';

    .chart {
      height: 340px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: center;
      margin-top: 8px;
      font: var(--mat-sys-body-medium);
    }
    .legend-title {
      font: var(--mat-sys-label-large);
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      gap: 6px;
      align-items: center;
    }
    .swatch {
      width: 12px;
      height: 12px;
      border-radius: 2px;
    }
    .partial {
      margin: 8px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallsChart {
  private readonly zones = inject(TimeZoneStore);

  readonly timeline = input.required<UsageTimeline>();
  /** What one series is, e.g. "Operation". */
  readonly legendTitle = input.required<string>();

  protected readonly colors = SERIES_COLORS;
  protected readonly formatCountTick = formatCountTick;
  protected readonly formatCount = formatCount;
  protected readonly legendId = `calls-legend-${nextId++}`;
  private readonly split = computed(() => splitPartialBucket(fillTimeline(this.timeline()), this.timeline().bucket));
  protected readonly series = computed(() => toChartSeries(this.split().complete));
  protected readonly partial = computed(() => this.split().partial);
  protected readonly ticks = computed(() => axisTicks(this.split().complete.buckets));
  protected readonly legend = computed(() =>
    this.split().complete.series.map((series, index) => ({
      name: series.name,
      color: SERIES_COLORS.domain[index % SERIES_COLORS.domain.length] ?? '',
    })),
  );
  private readonly hourly = computed(() => this.timeline().bucket === 'hour');
  protected readonly bucketName = computed(() => (this.hourly() ? 'hour' : 'day'));
  protected readonly axisLabel = computed(() => (this.hourly() ? `Hour (${this.zones.zone()})` : 'Day (UTC)'));
  protected readonly formatTime = computed(() => {
    const hourly = this.hourly();
    const zone = hourly ? this.zones.zone() : UTC;
    return (value: Date) => formatTick(value, zone, hourly);
  });
}

let nextId = 0;
