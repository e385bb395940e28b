import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime, map } from 'rxjs';

import { AuthStore } from '../../../core/auth/auth-store';
import { canReadAudit } from '../../../core/auth/me';
import { ProblemPage } from '../../../shared/ui/problem-page/problem-page';
import { InstallationsStore } from '../../installations/installations-store';
import { AuditFilter } from '../audit-api';
import { AuditTrail } from '../audit-trail/audit-trail';
import { provideIsoDateAdapter } from '../../../shared/time/iso-date-adapter';
import { TimeZoneStore } from '../../../shared/time/time-zone-store';

type ObjectTypeChoice = 'any' | 'installation' | 'client';

interface FilterForm {
  readonly from: Date | null;
  readonly to: Date | null;
  readonly objectType: ObjectTypeChoice;
  readonly installationId: string;
}

/**
 * Days are those of the portal's time zone (the browser's, or UTC when chosen); the range
 * includes the whole last day.
 */
function toAuditFilter(form: FilterForm, utc: boolean): AuditFilter {
  const dayStart = (day: Date, plusDays = 0) =>
    utc
      ? new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate() + plusDays))
      : new Date(day.getFullYear(), day.getMonth(), day.getDate() + plusDays);
  return {
    ...(form.from ? { from: dayStart(form.from).toISOString() } : {}),
    ...(form.to ? { to: dayStart(form.to, 1).toISOString() } : {}),
    ...(form.objectType !== 'any' ? { objectType: form.objectType } : {}),
    ...(form.installationId ? { installationId: form.installationId } : {}),
  };
}

/** Every recorded change the user may see (administrators: all; Owners: what they own). */
@Component({
  selector: 'app-audit-log',
  imports: [AuditTrail, ProblemPage, MatButtonModule, MatDatepickerModule, MatFormFieldModule, MatSelectModule, ReactiveFormsModule],
  providers: [provideIsoDateAdapter(), InstallationsStore],
  templateUrl: './audit-log.html',
  styleUrl: './audit-log.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLog {
  private readonly installations = inject(InstallationsStore);
  private readonly auth = inject(AuthStore);
  private readonly zones = inject(TimeZoneStore);

  protected readonly zone = this.zones.zone;

  protected readonly me = this.auth.me;
  /** Others would only ever see an empty list: the BFF shows them no event. */
  protected readonly allowed = computed(() => {
    const me = this.me();
    return me !== null && canReadAudit(me);
  });

  protected readonly form = new FormGroup({
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
    objectType: new FormControl<ObjectTypeChoice>('any', { nonNullable: true }),
    installationId: new FormControl('', { nonNullable: true }),
  });
  protected readonly installationOptions = computed(() => this.installations.data()?.items ?? []);
  protected readonly filter = toSignal(
    this.form.valueChanges.pipe(
      debounceTime(150),
      map(() => toAuditFilter(this.form.getRawValue(), this.zones.choice() === 'utc')),
    ),
    { initialValue: {} satisfies AuditFilter },
  );

  constructor() {
    this.installations.load();
  }

  protected clear(): void {
    this.form.reset();
  }
}
