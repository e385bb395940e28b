import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { GaugeModule } from '@swimlane/ngx-charts';

import { SUCCESS_COLORS } from '../chart-colors';
import { formatCount, formatDuration, formatRate } from '../usage-format';

/**
 * The key figures of a range as text (what tests and screen readers read), with the
 * success rate also drawn as a gauge.
 */
@Component({
  selector: 'app-usage-figures',
  imports: [GaugeModule],
  template: `
    <dl class="figures" aria-label="Key figures">
      <div class="figure">
        <dt>Total calls</dt>
        <dd>{{ formatCount(total()) }}</dd>
      </div>
      <div class="figure">
        <dt>Success rate</dt>
        <dd>
          <span class="rate">{{ formatRate(successRate()) }}</span>
          @if (gauge(); as gauge) {
            <span class="gauge" aria-hidden="true">
              <ngx-charts-gauge
                [results]="gauge"
                [min]="0"
                [max]="100"
                [showAxis]="false"
                [showText]="false"
                [tooltipDisabled]="true"
                [margin]="[0, 0, 0, 0]"
                [scheme]="colors"
              />
            </span>
          }
        </dd>
      </div>
      @if (durationMs(); as duration) {
        <div class="figure">
          <dt>p50</dt>
          <dd>{{ formatDuration(duration.p50) }}</dd>
        </div>
        <div class="figure">
          <dt>p95</dt>
          <dd>{{ formatDuration(duration.p95) }}</dd>
        </div>
      }
    </dl>
  `,
  styleUrl: './usage-figures.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageFigures {
  readonly total = input.required<number>();
  /** 0..1; null without calls. */
  readonly successRate = input.required<number | null>();
  /** Call duration percentiles; the overview has none, so they are left out. */
  readonly durationMs = input<{ readonly p50: number | null; readonly p95: number | null } | null>(null);

  protected readonly colors = SUCCESS_COLORS;
  protected readonly gauge = computed(() => {
    const rate = this.successRate();
    return rate === null ? null : [{ name: 'Success rate', value: Math.round(rate * 1000) / 10 }];
  });
  protected readonly formatCount = formatCount;
  protected readonly formatRate = formatRate;
  protected readonly formatDuration = formatDuration;
}
