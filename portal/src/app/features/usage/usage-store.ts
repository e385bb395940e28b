import { Injectable, inject } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { UsageApi } from './usage-api';
import { TimeRange } from './usage-range';
import { UsageReport } from './usage-report';
import { UsageTarget, sameTarget } from './usage-target';

/**
 * The usage dashboard of one client or installation. Another range keeps the previous
 * figures visible while it loads; another target starts empty.
 */
@Injectable()
export class UsageStore {
  private readonly api = inject(UsageApi);

  private readonly state = new Loadable<UsageReport>();
  private target: UsageTarget | null = null;
  private range: TimeRange | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(target: UsageTarget, range: TimeRange): void {
    if (!sameTarget(target, this.target)) this.state.set(null);
    this.target = target;
    this.range = range;
    this.state.load(this.api.report(target, range));
  }

  reload(): void {
    if (this.target && this.range) this.load(this.target, this.range);
  }
}
