import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { Permission, PermissionTarget } from './permission';
import { Grant, PermissionsApi } from './permissions-api';

/** Who holds which role on one installation or client; changes reload the list. */
@Injectable()
export class PermissionsStore {
  private readonly api = inject(PermissionsApi);

  private readonly state = new Loadable<readonly Permission[]>();
  private target: PermissionTarget | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(target: PermissionTarget | null = this.target): void {
    if (!target) return;
    this.target = target;
    this.state.load(this.api.list(target));
  }

  /** Rejects with an ApiError carrying the BFF's Message. */
  async grant(userId: string, grant: Grant): Promise<void> {
    await this.run((target) => this.api.grant(target, userId, grant));
  }

  async revoke(userId: string): Promise<void> {
    await this.run((target) => this.api.revoke(target, userId));
  }

  private async run(change: (target: PermissionTarget) => ReturnType<PermissionsApi['revoke']>): Promise<void> {
    const target = this.target;
    if (!target) throw new ApiError(0, 'The permissions have not been loaded yet.');
    try {
      await firstValueFrom(change(target));
    } catch (error) {
      throw toApiError(error);
    }
    this.load(target);
  }
}
