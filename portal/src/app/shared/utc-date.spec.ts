import { describe, expect, it } from 'vitest';

import { calendarDayToIso, daysFromToday, isoToCalendarDay, tomorrow } from './utc-date';

describe('utc-date', () => {
  it('sends a picked calendar day as midnight UTC of that day', () => {
    expect(calendarDayToIso(new Date(2030, 0, 15, 23, 59))).toBe('2030-01-15T00:00:00.000Z');
  });

  it('opens a stored date on its UTC calendar day', () => {
    const day = isoToCalendarDay('2027-11-29T00:00:00.000Z');

    expect([day.getFullYear(), day.getMonth(), day.getDate()]).toEqual([2027, 10, 29]);
  });

  it('round-trips a day unchanged', () => {
    expect(calendarDayToIso(isoToCalendarDay('2028-02-29T00:00:00.000Z'))).toBe('2028-02-29T00:00:00.000Z');
  });

  it('counts days from today across month ends', () => {
    const now = new Date(2026, 0, 31, 15, 0);

    expect(tomorrow(now)).toEqual(new Date(2026, 1, 1));
    expect(daysFromToday(365, now)).toEqual(new Date(2027, 0, 31));
  });
});
