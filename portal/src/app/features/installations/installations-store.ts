import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { NewInstallation, SavedInstallation } from './installation';
import { InstallationPage } from './installation-page';
import { InstallationsApi } from './installations-api';

/** The installations the user may see; there are few, so the list arrives whole. */
@Injectable()
export class InstallationsStore {
  private readonly api = inject(InstallationsApi);

  private readonly state = new Loadable<InstallationPage>();

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(): void {
    this.state.load(this.api.list());
  }

  /**
   * Platform administrators only; with an import report when a connection string was given.
   * Rejects with an ApiError (e.g. a name that is taken).
   */
  async create(installation: NewInstallation): Promise<SavedInstallation> {
    let created: SavedInstallation;
    try {
      created = await firstValueFrom(this.api.create(installation));
    } catch (error) {
      throw toApiError(error);
    }
    this.load();
    return created;
  }
}
