import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';

import { ROLES, Role } from '../../../core/auth/role';
import { toApiError } from '../../../core/http/api-error';
import { calendarDayToIso, isoToCalendarDay, tomorrow } from '../../../shared/utc-date';
import { describeUser } from '../../users/user';
import { UserPicker, UserPickerValue, pickedUser, userRequired } from '../../users/user-picker/user-picker';
import { Permission } from '../permission';
import { PermissionsStore } from '../permissions-store';

export interface GrantPermissionDialogData {
  /** Set when changing an existing grant: the user is fixed. */
  readonly existing: Permission | null;
  /** "installation" or "client", for the explanations. */
  readonly objectKind: string;
  /** Whether the Owner role is offered: a client's Owner role is client ownership (installation Owners only). */
  readonly canGrantOwner: boolean;
}

/** What the closed dialog reports, for the snack bar. */
export type GrantOutcome = 'granted' | 'changed';

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  Owner: 'Everything, including who has access',
  Edit: 'Change settings, certificates and Web API keys',
  Support: 'Read logs for a limited time',
  View: 'Read only',
};

/** Support access is temporary by design: a Support grant needs an end date. */
function expiryRequiredForSupport(control: AbstractControl<Date | null>): ValidationErrors | null {
  const role = control.parent?.get('role')?.value;
  return role === 'Support' && !control.value ? { requiredForSupport: true } : null;
}

/** Grants a role on an installation or client, or changes the role (and expiry) a user holds. */
@Component({
  selector: 'app-grant-permission-dialog',
  imports: [
    MatButtonModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    UserPicker,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './grant-permission-dialog.html',
  styleUrl: './grant-permission-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GrantPermissionDialog {
  private readonly store = inject(PermissionsStore);
  private readonly dialogRef = inject<MatDialogRef<GrantPermissionDialog, GrantOutcome>>(MatDialogRef);
  protected readonly data = inject<GrantPermissionDialogData>(MAT_DIALOG_DATA);

  protected readonly roles = this.data.canGrantOwner ? ROLES : ROLES.filter((role) => role !== 'Owner');
  protected readonly roleDescriptions = ROLE_DESCRIPTIONS;
  protected readonly minExpiry = tomorrow();
  protected readonly existingUser = this.data.existing ? describeUser(this.data.existing.user) : null;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = new FormGroup({
    user: new FormControl<UserPickerValue>(this.data.existing?.user ?? null, { validators: userRequired }),
    role: new FormControl<Role>(this.data.existing?.role ?? 'View', { nonNullable: true }),
    expiresAt: new FormControl<Date | null>(
      this.data.existing?.expiresAt && !this.data.existing.expired ? isoToCalendarDay(this.data.existing.expiresAt) : null,
      { validators: expiryRequiredForSupport },
    ),
  });

  constructor() {
    this.form.controls.role.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.expiresAt.updateValueAndValidity());
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    const user = pickedUser(this.form.controls.user.value);
    if (this.form.invalid || !user || this.saving()) return;
    const expiry = this.form.controls.expiresAt.value;
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.store.grant(user.id, {
        role: this.form.controls.role.value,
        expiresAt: expiry ? calendarDayToIso(expiry) : null,
      });
      this.dialogRef.close(this.data.existing ? 'changed' : 'granted');
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
