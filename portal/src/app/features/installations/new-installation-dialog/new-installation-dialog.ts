import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { toApiError } from '../../../core/http/api-error';
import { OBJECT_NAME_RULE, objectNameValidators } from '../../../shared/forms/object-name';
import { focusFirstServerError, placeServerError, serverError } from '../../../shared/forms/server-errors';
import { SavedInstallation } from '../installation';
import {
  connectionStringPattern,
  endpointListValidator,
  endpointUrlsOf,
  listErrorMessage,
  storageListValidator,
  storagesOf,
} from '../installation-form';
import { InstallationsStore } from '../installations-store';

/**
 * Creates an installation (platform administrators); closes with the created installation
 * and, when a connection string was given, the report of importing its clients.
 */
@Component({
  selector: 'app-new-installation-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  templateUrl: './new-installation-dialog.html',
  styleUrl: './new-installation-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewInstallationDialog {
  private readonly store = inject(InstallationsStore);
  private readonly dialogRef = inject<MatDialogRef<NewInstallationDialog, SavedInstallation>>(MatDialogRef);

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverError = serverError;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly listErrorMessage = listErrorMessage;
  protected readonly nameRule = OBJECT_NAME_RULE;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: objectNameValidators }),
    endpointUrls: new FormControl('', { nonNullable: true, validators: endpointListValidator }),
    storages: new FormControl('bws', { nonNullable: true, validators: storageListValidator }),
    connectionString: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(2000), Validators.pattern(connectionStringPattern)],
    }),
  });

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    const value = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    try {
      const created = await this.store.create({
        name: value.name.trim(),
        endpointUrls: endpointUrlsOf(value.endpointUrls),
        storages: storagesOf(value.storages),
        ...(value.connectionString.trim() ? { connectionString: value.connectionString.trim() } : {}),
      });
      this.dialogRef.close(created);
    } catch (error) {
      this.error.set(
        placeServerError(this.form, toApiError(error), [{ control: 'name', matches: /^An installation named '.*' already exists/ }]),
      );
      focusFirstServerError(this.form, this.host.nativeElement);
    } finally {
      this.saving.set(false);
    }
  }
}
