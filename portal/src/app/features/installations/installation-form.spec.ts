import { FormControl } from '@angular/forms';
import { describe, expect, it } from 'vitest';

import {
  endpointListValidator,
  endpointUrlsOf,
  listErrorMessage,
  storageListValidator,
  storagesOf,
} from './installation-form';

const endpointErrors = (text: string) => endpointListValidator(new FormControl(text));
const storageErrors = (text: string) => storageListValidator(new FormControl(text));

describe('installation form rules', () => {
  it('reads one endpoint per line, ignoring blank lines and spaces', () => {
    expect(endpointUrlsOf(' https://a.example.com \n\nhttp://b.example.com:8080\n')).toEqual([
      'https://a.example.com',
      'http://b.example.com:8080',
    ]);
  });

  it('accepts no endpoints and names the first line that is not an http(s) URL', () => {
    expect(endpointErrors('')).toBeNull();
    expect(listErrorMessage(endpointErrors('https://ok.example.com\nftp://files.example.com'))).toBe(
      '“ftp://files.example.com” is not an http(s) URL',
    );
  });

  it('allows at most 10 endpoints', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `https://e${i}.example.com`).join('\n');

    expect(listErrorMessage(endpointErrors(eleven))).toBe('At most 10 endpoints');
  });

  it('reads comma separated storages', () => {
    expect(storagesOf('bws, archive ,')).toEqual(['bws', 'archive']);
  });

  it('needs at least one storage with valid, unique names', () => {
    expect(storageErrors('bws, archive')).toBeNull();
    expect(listErrorMessage(storageErrors(' , '))).toBe('At least one storage');
    expect(listErrorMessage(storageErrors('bws, Archive'))).toContain('“Archive”');
    expect(listErrorMessage(storageErrors('bws, bws'))).toBe('Each storage name only once');
  });
});
