import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { InstallationsStore } from '../installations-store';

/** Every installation the user holds a role on (all of them for platform administrators). */
@Component({
  selector: 'app-installation-list',
  imports: [EmptyState, ErrorState, MatProgressBarModule, MatTableModule, TypedCellDef],
  templateUrl: './installation-list.html',
  styleUrl: './installation-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationList {
  private readonly store = inject(InstallationsStore);

  protected readonly columns = ['name', 'endpoints', 'storages', 'clients', 'role'];
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;

  constructor() {
    this.store.load();
  }

  protected retry(): void {
    this.store.load();
  }
}
