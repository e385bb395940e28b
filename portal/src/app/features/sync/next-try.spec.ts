import { describe, expect, it } from 'vitest';

import { nextTryText } from './next-try';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

describe('nextTryText', () => {
  it.each([
    [42, 'Next try in 42 seconds'],
    [1, 'Next try in 1 second'],
    [0.4, 'Next try in 1 second'],
    [90, 'Next try in 2 minutes'],
    [3 * 3600, 'Next try in 3 hours'],
    [2 * 86_400, 'Next try in 2 days'],
  ])('words an attempt %s s ahead as %j', (seconds, expected) => {
    expect(nextTryText(at(seconds), NOW)).toBe(expected);
  });

  it('says an attempt whose time has passed is due now', () => {
    expect(nextTryText(at(-5), NOW)).toBe('Next try is due now');
    expect(nextTryText(at(0), NOW)).toBe('Next try is due now');
  });
});
