import { ChangeDetectionStrategy, Component, ViewContainerRef, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../../core/auth/auth-store';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { showImportReport } from '../../sync/import-report-dialog/import-report-dialog';
import { SavedInstallation } from '../installation';
import { InstallationsStore } from '../installations-store';
import { NewInstallationDialog } from '../new-installation-dialog/new-installation-dialog';

/** Every installation the user holds a role on (all of them for platform administrators). */
@Component({
  selector: 'app-installation-list',
  imports: [
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    TypedCellDef,
  ],
  templateUrl: './installation-list.html',
  styleUrl: './installation-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationList {
  private readonly store = inject(InstallationsStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);

  protected readonly columns = ['name', 'endpoints', 'storages', 'clients', 'role'];
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly canCreate = computed(() => this.auth.me()?.isPlatformAdmin === true);

  constructor() {
    this.store.load();
  }

  protected retry(): void {
    this.store.load();
  }

  protected async createInstallation(): Promise<void> {
    const ref = this.dialog.open<NewInstallationDialog, void, SavedInstallation>(NewInstallationDialog, {
      viewContainerRef: this.viewContainerRef,
      width: '36rem',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (!created) return;
    const { installation, importReport } = created;
    this.snackBar.open(`Installation “${installation.name}” created`, 'Dismiss', { duration: 5000 });
    await this.router.navigate(['/installations', installation.id]);
    // Shown over the new installation's page; the dialog does not belong to this (now left) list.
    if (importReport) await showImportReport(this.dialog, { report: importReport, installationName: installation.name });
  }
}
