import { AbstractControl, FormGroup } from '@angular/forms';

import { ApiError } from '../../core/http/api-error';

/**
 * Puts the BFF's refusal of a form on the field it is about, so it shows at that field
 * (as a `server` error that `mat-error` reads) and not as a line below a long form.
 * - Validation answers read "field: reason; other: reason" (zod paths); a part naming a
 *   control of the form goes to that control.
 * - Other refusals (409 on a taken name or partition) go to the control whose pattern
 *   matches the Message.
 * - The error clears itself when the user edits the field (validators run again).
 * Returns what no field took, for the form-level alert; null when every part was placed.
 */
export interface ServerErrorRule {
  readonly control: string;
  readonly matches: RegExp;
}

export function placeServerError(form: FormGroup, error: ApiError, rules: readonly ServerErrorRule[] = []): string | null {
  if (error.status < 400 || error.status >= 500) return error.message;
  const left: string[] = [];
  for (const part of error.message.split('; ')) {
    const target = controlFor(form, part, rules);
    if (!target) {
      left.push(part);
      continue;
    }
    target.control.setErrors({ ...(target.control.errors ?? {}), server: target.text });
    target.control.markAsTouched();
  }
  return left.length ? left.join('; ') : null;
}

/** The text of a control's `server` error, for its mat-error; null when it has none. */
export function serverError(control: AbstractControl): string | null {
  const value: unknown = control.getError('server');
  return typeof value === 'string' ? value : null;
}

/** Moves the focus to the first field that holds a server error, so the reason is read out and in view. */
export function focusFirstServerError(form: FormGroup, host: HTMLElement): void {
  const name = Object.keys(form.controls).find((key) => form.controls[key]?.hasError('server'));
  if (!name) return;
  host.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
}

function controlFor(
  form: FormGroup,
  part: string,
  rules: readonly ServerErrorRule[],
): { control: AbstractControl; text: string } | null {
  const field = /^([A-Za-z][\w.]*): (.+)$/.exec(part);
  if (field) {
    const control = form.get(field[1] ?? '');
    if (control) return { control, text: capitalize(field[2] ?? part) };
  }
  const rule = rules.find((candidate) => candidate.matches.test(part));
  const control = rule ? form.get(rule.control) : null;
  return control ? { control, text: part } : null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
