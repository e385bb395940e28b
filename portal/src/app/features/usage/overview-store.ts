import { Injectable, inject } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { UsageApi } from './usage-api';
import { TimeRange } from './usage-range';
import { UsageOverview } from './usage-report';

/** The platform overview: calls of every installation and the busiest clients in one range. */
@Injectable()
export class OverviewStore {
  private readonly api = inject(UsageApi);

  private readonly state = new Loadable<UsageOverview>();
  private range: TimeRange | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(range: TimeRange | null = this.range): void {
    if (!range) return;
    this.range = range;
    this.state.load(this.api.overview(range));
  }
}
