/**
 * Expiry dates are calendar days. The portal shows them in UTC (as the client list does),
 * so a day picked in the browser's calendar is sent as midnight UTC of that same day, and a
 * stored date opens the calendar on its UTC day, whatever the browser's time zone.
 */
export function calendarDayToIso(day: Date): string {
  return new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate())).toISOString();
}

export function isoToCalendarDay(iso: string): Date {
  const date = new Date(iso);
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** The first day a picker may offer for dates that must lie in the future. */
export function tomorrow(now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

/** A calendar day `days` from today, for default expiry dates. */
export function daysFromToday(days: number, now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}
