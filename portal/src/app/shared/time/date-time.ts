import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';

import { formatDateTime, formatUtc } from './format-time';
import { TimeZoneStore } from './time-zone-store';

/** A point in time as the portal writes it: in the chosen zone, the zone named, UTC on hover. */
@Component({
  selector: 'app-date-time',
  template: `<time [attr.datetime]="value()" [attr.title]="utc()">{{ text() }}</time>`,
  styles: `
    :host {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateTime {
  private readonly zones = inject(TimeZoneStore);

  /** An ISO date-time. */
  readonly value = input.required<string>();

  protected readonly text = computed(() => formatDateTime(this.value(), this.zones.zone()));
  protected readonly utc = computed(() => formatUtc(this.value()));
}
