import { describe, expect, it } from 'vitest';

import { formatCount, formatDuration, formatRate } from './usage-format';

describe('usage figures', () => {
  it('groups thousands in counts', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(0)).toBe('0');
  });

  it('writes rates as percent with one decimal', () => {
    expect(formatRate(0.975)).toBe('97.5 %');
    expect(formatRate(1)).toBe('100 %');
    expect(formatRate(0.285)).toBe('28.5 %');
  });

  it('never shows 100 % while some calls failed', () => {
    expect(formatRate(0.99996)).toBe('99.9 %');
  });

  it('writes durations in milliseconds and a dash when nothing was measured', () => {
    expect(formatDuration(1200)).toBe('1,200 ms');
    expect(formatDuration(null)).toBe('—');
    expect(formatRate(null)).toBe('—');
  });
});
