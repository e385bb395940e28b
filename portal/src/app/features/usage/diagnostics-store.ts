import { Injectable, inject } from '@angular/core';

import { Loadable } from '../../shared/data/loadable';
import { DiagnosticEntry } from './diagnostic-entry';
import { LogApi } from './log-api';

/** The problems recorded while syncing or importing one installation's clients. */
@Injectable()
export class DiagnosticsStore {
  private readonly api = inject(LogApi);

  private readonly state = new Loadable<readonly DiagnosticEntry[]>();
  private installationId: string | null = null;

  readonly data = this.state.data;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  load(installationId: string | null = this.installationId): void {
    if (!installationId) return;
    if (installationId !== this.installationId) this.state.set(null);
    this.installationId = installationId;
    this.state.load(this.api.diagnostics(installationId));
  }
}
