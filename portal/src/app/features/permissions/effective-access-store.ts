import { Injectable, computed, inject } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { EffectiveAccess } from './effective-access';
import { EffectiveAccessApi } from './effective-access-api';
import { PermissionTarget } from './permission';

/**
 * Everyone who reaches one installation or client. Grants on the object itself are managed
 * in the permissions table, so `inherited` holds the other rows: roles on the installation
 * and platform administrators.
 */
@Injectable()
export class EffectiveAccessStore {
  private readonly api = inject(EffectiveAccessApi);
  private readonly state = new Loadable<readonly EffectiveAccess[]>();
  private target: PermissionTarget | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;
  readonly inherited = computed(() => (this.data() ?? []).filter((entry) => entry.source !== 'direct'));

  load(target: PermissionTarget | null = this.target): void {
    if (!target) return;
    this.target = target;
    this.state.load(this.api.list(target));
  }
}
