import {
  ChangeDetectionStrategy,
  Component,
  ViewContainerRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { OBJECT_NAME_RULE, objectNameValidators } from '../../../shared/forms/object-name';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { importOutcome } from '../../sync/client-import-report';
import { ImportReport } from '../../sync/import-report/import-report';
import { showImportReport } from '../../sync/import-report-dialog/import-report-dialog';
import { SyncStatus } from '../../sync/sync-status/sync-status';
import { ConnectionStringDialog } from '../connection-string-dialog/connection-string-dialog';
import { Installation, InstallationChanges, SavedInstallation } from '../installation';
import {
  endpointListValidator,
  endpointUrlsOf,
  listErrorMessage,
  storageListValidator,
  storagesOf,
} from '../installation-form';
import { InstallationStore } from '../installation-store';

const NOT_ALLOWED = 'Owners and Editors of this installation change its settings';

/**
 * Endpoints, storages and the connection string of an installation, editable for those
 * allowed, with how far its clients' changes have got and the report of the last import.
 * Saving a connection string shows its import report in a dialog and keeps it here until
 * dismissed; setting or removing it makes the sync status ask again.
 */
@Component({
  selector: 'app-installation-overview',
  imports: [
    ImportReport,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    SyncStatus,
  ],
  templateUrl: './installation-overview.html',
  styleUrl: './installation-overview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationOverview {
  private readonly store = inject(InstallationStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);
  private readonly syncStatus = viewChild(SyncStatus);

  readonly installation = input.required<Installation>();
  /** Platform administrators may also rename. */
  readonly isAdmin = input(false);

  protected readonly canUpdate = computed(() => this.installation().allowed.has('updateInstallation'));
  protected readonly canReveal = computed(() => this.installation().allowed.has('readConnectionString'));
  protected readonly notAllowed = NOT_ALLOWED;
  protected readonly nameRule = OBJECT_NAME_RULE;
  protected readonly listErrorMessage = listErrorMessage;
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly revealed = signal<string | null>(null);
  protected readonly revealing = signal(false);
  protected readonly importReport = this.store.importReport;
  protected readonly importOutcome = importOutcome;

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: objectNameValidators }),
    endpointUrls: new FormControl('', { nonNullable: true, validators: endpointListValidator }),
    storages: new FormControl('', { nonNullable: true, validators: storageListValidator }),
  });

  constructor() {
    effect(() => {
      const installation = this.installation();
      this.form.reset({
        name: installation.name,
        endpointUrls: installation.endpointUrls.join('\n'),
        storages: installation.storages.join(', '),
      });
      if (this.canUpdate()) this.form.enable();
      else this.form.disable();
      if (!this.isAdmin()) this.form.controls.name.disable();
      this.revealed.set(null);
    });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    const value = this.form.getRawValue();
    const changes: InstallationChanges = {
      ...(this.isAdmin() && value.name.trim() !== this.installation().name ? { name: value.name.trim() } : {}),
      endpointUrls: endpointUrlsOf(value.endpointUrls),
      storages: storagesOf(value.storages),
    };
    this.saving.set(true);
    this.saveError.set(null);
    try {
      await this.store.update(changes);
      this.snackBar.open('Installation saved', 'Dismiss', { duration: 5000 });
    } catch (error) {
      this.saveError.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }

  protected discard(): void {
    const installation = this.installation();
    this.form.reset({
      name: installation.name,
      endpointUrls: installation.endpointUrls.join('\n'),
      storages: installation.storages.join(', '),
    });
    this.saveError.set(null);
  }

  protected async reveal(): Promise<void> {
    this.revealing.set(true);
    try {
      this.revealed.set((await this.store.revealConnectionString()) ?? '');
    } catch (error) {
      this.snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000 });
    } finally {
      this.revealing.set(false);
    }
  }

  protected hide(): void {
    this.revealed.set(null);
  }

  protected async changeConnectionString(): Promise<void> {
    const ref = this.dialog.open<ConnectionStringDialog, void, SavedInstallation>(ConnectionStringDialog, {
      viewContainerRef: this.viewContainerRef,
      width: '36rem',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (!saved) return;
    this.syncStatus()?.refresh();
    this.snackBar.open('Connection string saved', 'Dismiss', { duration: 5000 });
    if (saved.importReport) {
      await showImportReport(this.dialog, { report: saved.importReport, installationName: saved.installation.name });
    }
  }

  protected dismissImportReport(): void {
    this.store.dismissImportReport();
  }

  protected async removeConnectionString(): Promise<void> {
    const removed = await confirmAction(this.dialog, {
      title: 'Remove connection string?',
      message: 'Client changes are no longer pushed to this installation until a connection string is set again.',
      confirmLabel: 'Remove connection string',
      action: () => this.store.update({ connectionString: null }),
    });
    if (!removed) return;
    this.syncStatus()?.refresh();
    this.snackBar.open('Connection string removed', 'Dismiss', { duration: 5000 });
  }
}
