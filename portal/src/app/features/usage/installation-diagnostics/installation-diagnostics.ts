import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { DiagnosticsStore } from '../diagnostics-store';
import { DateTime } from '../../../shared/time/date-time';

/** The warnings and errors recorded while syncing or importing an installation's clients. */
@Component({
  selector: 'app-installation-diagnostics',
  imports: [ DateTime,EmptyState, ErrorState, MatProgressBarModule, MatTableModule, TypedCellDef],
  providers: [DiagnosticsStore],
  template: `
    <section class="results" aria-label="Diagnostics">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading diagnostics" />
      }
      @if (error(); as error) {
        <app-error-state [message]="error.message" (retry)="retry()" />
      } @else if (entries(); as entries) {
        @if (entries.length === 0) {
          <app-empty-state heading="No problems recorded">
            Syncing and importing this installation’s clients has gone without warnings or errors.
          </app-empty-state>
        } @else {
          <div class="table-scroller">
            <table mat-table [dataSource]="entries" aria-label="Diagnostics">
              <ng-container matColumnDef="at">
                <th mat-header-cell *matHeaderCellDef scope="col">Time</th>
                <td mat-cell *matCellDef="let entry; of: entries" class="nowrap"><app-date-time [value]="entry.at" /></td>
              </ng-container>
              <ng-container matColumnDef="level">
                <th mat-header-cell *matHeaderCellDef scope="col">Level</th>
                <td mat-cell *matCellDef="let entry; of: entries" [class]="'level-' + entry.level">
                  {{ entry.level === 'error' ? 'Error' : 'Warning' }}
                </td>
              </ng-container>
              <ng-container matColumnDef="source">
                <th mat-header-cell *matHeaderCellDef scope="col">Source</th>
                <td mat-cell *matCellDef="let entry; of: entries">{{ entry.source === 'sync' ? 'Sync' : 'Import' }}</td>
              </ng-container>
              <ng-container matColumnDef="client">
                <th mat-header-cell *matHeaderCellDef scope="col">Client</th>
                <td mat-cell *matCellDef="let entry; of: entries">{{ entry.client ?? '—' }}</td>
              </ng-container>
              <ng-container matColumnDef="message">
                <th mat-header-cell *matHeaderCellDef scope="col">Message</th>
                <td mat-cell *matCellDef="let entry; of: entries">{{ entry.message }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let entry; columns: columns"></tr>
            </table>
          </div>
        }
      }
    </section>
  `,
  styles: `
    @use '../../../shared/ui/panel';

    .nowrap {
      white-space: nowrap;
    }
    .level-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationDiagnostics {
  private readonly store = inject(DiagnosticsStore);

  readonly installationId = input.required<string>();

  protected readonly columns = ['at', 'level', 'source', 'client', 'message'];
  protected readonly entries = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;

  constructor() {
    effect(() => {
      const installationId = this.installationId();
      untracked(() => this.store.load(installationId));
    });
  }

  protected retry(): void {
    this.store.load();
  }
}
