import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

import { toApiError } from '../../../core/http/api-error';
import { OBJECT_NAME_RULE, objectNameValidators } from '../../../shared/forms/object-name';
import { calendarDayToIso, daysFromToday, tomorrow } from '../../../shared/utc-date';
import { UserPicker, UserPickerValue, pickedUser, userOptional } from '../../users/user-picker/user-picker';
import { Client, DEFAULT_LOGGING } from '../client';
import { loggingForm, loggingOf } from '../client-form';
import { ClientsStore } from '../clients-store';
import { LoggingFields } from '../logging-fields/logging-fields';

export interface NewClientDialogData {
  readonly installationId: string;
  readonly installationName: string;
  readonly storages: readonly string[];
  /** Whether the user may choose the client's Owner (`manageClientOwnership`: installation Owners, administrators). */
  readonly canPickOwner: boolean;
}

/** The largest partition number the BFF accepts (a 32-bit signed integer). */
const MAX_PARTITION = 2_147_483_647;
const DEFAULT_VALIDITY_DAYS = 365;

/** Creates a client in an installation; closes with the created client. */
@Component({
  selector: 'app-new-client-dialog',
  imports: [
    LoggingFields,
    MatButtonModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
    UserPicker,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './new-client-dialog.html',
  styleUrl: './new-client-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewClientDialog {
  private readonly store = inject(ClientsStore);
  private readonly dialogRef = inject<MatDialogRef<NewClientDialog, Client>>(MatDialogRef);
  protected readonly data = inject<NewClientDialogData>(MAT_DIALOG_DATA);

  protected readonly nameRule = OBJECT_NAME_RULE;
  protected readonly maxPartition = MAX_PARTITION;
  protected readonly minExpiry = tomorrow();
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: objectNameValidators }),
    storage: new FormControl(this.data.storages[0] ?? '', { nonNullable: true, validators: Validators.required }),
    partitionChoice: new FormControl<'next' | 'number'>('next', { nonNullable: true }),
    partition: new FormControl<number | null>(
      { value: null, disabled: true },
      { validators: [Validators.required, Validators.min(1), Validators.max(MAX_PARTITION), Validators.pattern(/^\d+$/)] },
    ),
    expiresAt: new FormControl<Date | null>(daysFromToday(DEFAULT_VALIDITY_DAYS), { validators: Validators.required }),
    identification: new FormControl(false, { nonNullable: true }),
    logging: loggingForm(DEFAULT_LOGGING),
    owner: new FormControl<UserPickerValue>(null, { validators: userOptional }),
  });

  constructor() {
    this.form.controls.partitionChoice.valueChanges.pipe(takeUntilDestroyed()).subscribe((choice) => {
      const partition = this.form.controls.partition;
      if (choice === 'number') partition.enable();
      else partition.disable();
    });
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    const value = this.form.getRawValue();
    if (this.form.invalid || !value.expiresAt || this.saving()) return;
    const owner = pickedUser(value.owner);
    this.saving.set(true);
    this.error.set(null);
    try {
      const created = await this.store.create({
        name: value.name.trim(),
        installationId: this.data.installationId,
        storage: value.storage,
        partition: value.partitionChoice === 'number' && value.partition !== null ? value.partition : 'next',
        expiresAt: calendarDayToIso(value.expiresAt),
        identification: value.identification,
        logging: loggingOf(this.form.controls.logging),
        ...(owner ? { ownerUserId: owner.id } : {}),
      });
      this.dialogRef.close(created);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
