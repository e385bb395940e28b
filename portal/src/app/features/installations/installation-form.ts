import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/**
 * Form rules for installations, mirroring the BFF's (which has the last word):
 * - endpoints: up to 10 http(s) URLs, one per line;
 * - storages: 1 to 20 unique names of lower-case letters, digits, '_' and '-', comma separated;
 * - connection strings: mongodb:// or mongodb+srv://.
 */
export const MAX_ENDPOINTS = 10;
export const MAX_STORAGES = 20;

export function endpointUrlsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function storagesOf(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export const endpointListValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const urls = endpointUrlsOf(control.value ?? '');
  if (urls.length > MAX_ENDPOINTS) return { tooManyEndpoints: MAX_ENDPOINTS };
  const invalid = urls.find((url) => !isHttpUrl(url));
  return invalid ? { endpointUrl: invalid } : null;
};

export const storageListValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const names = storagesOf(control.value ?? '');
  if (names.length === 0) return { noStorage: true };
  if (names.length > MAX_STORAGES) return { tooManyStorages: MAX_STORAGES };
  const invalid = names.find((name) => !/^[a-z0-9][a-z0-9_-]{0,49}$/.test(name));
  if (invalid) return { storageName: invalid };
  return new Set(names).size === names.length ? null : { duplicateStorage: true };
};

export const connectionStringPattern = /^mongodb(\+srv)?:\/\/\S+$/;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && text.length <= 500;
  } catch {
    return false;
  }
}

/** The first message for the endpoint and storage fields' errors. */
export function listErrorMessage(errors: ValidationErrors | null): string | null {
  if (!errors) return null;
  if (errors['tooManyEndpoints']) return `At most ${MAX_ENDPOINTS} endpoints`;
  if (typeof errors['endpointUrl'] === 'string') return `“${errors['endpointUrl']}” is not an http(s) URL`;
  if (errors['noStorage']) return 'At least one storage';
  if (errors['tooManyStorages']) return `At most ${MAX_STORAGES} storages`;
  if (typeof errors['storageName'] === 'string') {
    return `“${errors['storageName']}”: use lower-case letters, digits, '_' and '-'`;
  }
  if (errors['duplicateStorage']) return 'Each storage name only once';
  return null;
}
