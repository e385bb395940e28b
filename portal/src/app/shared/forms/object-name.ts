import { ValidatorFn, Validators } from '@angular/forms';

/**
 * Names of installations and clients, as the BFF accepts them: 1 to 100 letters, digits,
 * spaces, '.', '_' and '-', starting with a letter or digit.
 */
export const OBJECT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

export const objectNameValidators: ValidatorFn[] = [
  Validators.required,
  Validators.maxLength(100),
  Validators.pattern(OBJECT_NAME_PATTERN),
];

export const OBJECT_NAME_RULE = "Use letters, digits, spaces, '.', '_' and '-', starting with a letter or digit";
