import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
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

type ObjectTypeChoice = 'any' | 'installation' | 'client';

interface FilterForm {
  readonly from: Date | null;
  readonly to: Date | null;
  readonly objectType: ObjectTypeChoice;
  readonly installationId: string;
}

/** Days are picked in the browser's time zone; the range includes the whole last day. */
function toAuditFilter(form: FilterForm): AuditFilter {
  const endOfRange = form.to ? new Date(form.to.getFullYear(), form.to.getMonth(), form.to.getDate() + 1) : null;
  return {
    ...(form.from ? { from: form.from.toISOString() } : {}),
    ...(endOfRange ? { to: endOfRange.toISOString() } : {}),
    ...(form.objectType !== 'any' ? { objectType: form.objectType } : {}),
    ...(form.installationId ? { installationId: form.installationId } : {}),
  };
}

/** Every recorded change the user may see (administrators: all; Owners: what they own). */
@Component({
  selector: 'app-audit-log',
  imports: [AuditTrail, ProblemPage, MatButtonModule, MatDatepickerModule, MatFormFieldModule, MatSelectModule, ReactiveFormsModule],
  providers: [provideNativeDateAdapter(), InstallationsStore],
  templateUrl: './audit-log.html',
  styleUrl: './audit-log.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLog {
  private readonly installations = inject(InstallationsStore);
  private readonly auth = inject(AuthStore);

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
      map(() => toAuditFilter(this.form.getRawValue())),
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
