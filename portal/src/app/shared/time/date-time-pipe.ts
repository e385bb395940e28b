import { Pipe, PipeTransform, inject } from '@angular/core';

import { formatDateTime } from './format-time';
import { TimeZoneStore } from './time-zone-store';

/**
 * `{{ at | dateTime }}`: a point in time as text in the chosen zone, for attributes such as
 * an image's alt text; elsewhere `<app-date-time>` adds the UTC hover. Impure so that a
 * change of zone (a signal read here) rewrites it.
 */
@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly zones = inject(TimeZoneStore);

  transform(value: string | Date | null | undefined): string {
    return value ? formatDateTime(value, this.zones.zone()) : '';
  }
}
