import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';

import { IsoDateAdapter } from './iso-date-adapter';
import { formatDateTime, formatTick, formatUtc } from './format-time';

describe('formatDateTime', () => {
  const at = '2026-12-06T13:05:09.000Z';

  it('writes a time in ISO order with its zone named', () => {
    expect(formatDateTime(at, 'UTC')).toBe('2026-12-06 13:05:09 UTC');
    expect(formatDateTime(at, 'Europe/Berlin')).toBe('2026-12-06 14:05:09 GMT+1');
    expect(formatDateTime(at, 'America/New_York')).toBe('2026-12-06 08:05:09 EST');
  });

  it('gives UTC for the hover text whatever the chosen zone', () => {
    expect(formatUtc(at)).toBe('2026-12-06 13:05:09 UTC');
  });

  it('writes hour ticks with the hour and day ticks without, in the zone given', () => {
    expect(formatTick(new Date(at), 'UTC', true)).toBe('Dec 6, 13:05');
    expect(formatTick(new Date('2026-12-06T00:00:00Z'), 'UTC', false)).toBe('Dec 6');
  });
});

describe('IsoDateAdapter', () => {
  const adapter = TestBed.runInInjectionContext(() => new IsoDateAdapter());

  it('shows and reads days as yyyy-mm-dd', () => {
    expect(adapter.format(new Date(2026, 11, 24), 'iso-day')).toBe('2026-12-24');
    expect(adapter.parse('2026-12-24')).toEqual(new Date(2026, 11, 24));
  });

  it('refuses US-style and impossible days', () => {
    expect(adapter.isValid(adapter.parse('12/24/2026') as Date)).toBe(false);
    expect(adapter.isValid(adapter.parse('2026-02-30') as Date)).toBe(false);
    expect(adapter.parse('')).toBeNull();
  });
});
