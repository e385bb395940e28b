import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';

import { toApiError } from '../../../core/http/api-error';
import { calendarDayToIso, isoToCalendarDay } from '../../../shared/utc-date';
import { Client, ClientChanges } from '../client';
import { loggingForm, loggingOf } from '../client-form';
import { ClientStore } from '../client-store';
import { LoggingFields } from '../logging-fields/logging-fields';
import { provideIsoDateAdapter } from '../../../shared/time/iso-date-adapter';

/**
 * A client's flags: expiry, identification and logging. Only changed fields are sent, so
 * saving the logging does not touch an expiry someone else just changed.
 */
@Component({
  selector: 'app-client-settings',
  imports: [
    LoggingFields,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
  ],
  providers: [provideIsoDateAdapter()],
  templateUrl: './client-settings.html',
  styleUrl: './client-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientSettings {
  private readonly store = inject(ClientStore);
  private readonly snackBar = inject(MatSnackBar);

  readonly client = input.required<Client>();
  /** The changes were saved: the client has a change to push. */
  readonly saved = output<Client>();

  protected readonly canUpdate = computed(() => this.client().allowed.has('updateClient'));
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    expiresAt: new FormControl<Date | null>(null, { validators: Validators.required }),
    identification: new FormControl(false, { nonNullable: true }),
    logging: loggingForm({ logImages: false, level: 'info', retentionDays: 30 }),
  });

  constructor() {
    effect(() => {
      const client = this.client();
      this.form.reset({
        expiresAt: isoToCalendarDay(client.expiresAt),
        identification: client.identification,
        logging: client.logging,
      });
      if (this.canUpdate()) this.form.enable();
      else this.form.disable();
    });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    const changes = this.changes();
    if (this.form.invalid || this.saving() || !changes) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const updated = await this.store.update(changes);
      this.snackBar.open('Settings saved', 'Dismiss', { duration: 5000 });
      this.saved.emit(updated);
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }

  protected discard(): void {
    const client = this.client();
    this.form.reset({
      expiresAt: isoToCalendarDay(client.expiresAt),
      identification: client.identification,
      logging: client.logging,
    });
    this.error.set(null);
  }

  private changes(): ClientChanges | null {
    const { expiresAt, identification, logging } = this.form.controls;
    const changes: { -readonly [K in keyof ClientChanges]: ClientChanges[K] } = {};
    if (expiresAt.dirty && expiresAt.value) changes.expiresAt = calendarDayToIso(expiresAt.value);
    if (identification.dirty) changes.identification = identification.value;
    if (logging.dirty) changes.logging = loggingOf(logging);
    return Object.keys(changes).length ? changes : null;
  }
}
