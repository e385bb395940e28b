import { FormControl, FormGroup, Validators } from '@angular/forms';

import { ClientLogging, LogLevel } from './client';

/** The BFF keeps logs for 1 to 3650 days. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

export type LoggingForm = FormGroup<{
  logImages: FormControl<boolean>;
  level: FormControl<LogLevel>;
  retentionDays: FormControl<number | null>;
}>;

export function loggingForm(initial: ClientLogging): LoggingForm {
  return new FormGroup({
    logImages: new FormControl(initial.logImages, { nonNullable: true }),
    level: new FormControl<LogLevel>(initial.level, { nonNullable: true }),
    retentionDays: new FormControl<number | null>(initial.retentionDays, {
      validators: [
        Validators.required,
        Validators.min(MIN_RETENTION_DAYS),
        Validators.max(MAX_RETENTION_DAYS),
        Validators.pattern(/^\d+$/),
      ],
    }),
  });
}

/** The form's logging as the API takes it; call only on a valid form. */
export function loggingOf(form: LoggingForm): ClientLogging {
  const value = form.getRawValue();
  return { logImages: value.logImages, level: value.level, retentionDays: value.retentionDays ?? MIN_RETENTION_DAYS };
}
