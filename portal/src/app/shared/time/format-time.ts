/**
 * How the portal writes a point in time: `2026-12-06 14:05:09 GMT+1`, in one time zone
 * (the user's, or UTC when they chose so; see TimeZoneStore), the zone always named, digits
 * in ISO order. Calendar days (expiry dates) are days, not points in time: see utc-date.ts.
 */
export const UTC = 'UTC';

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

interface ZonedParts {
  readonly date: string;
  readonly time: string;
  readonly zone: string;
}

export function zonedParts(value: string | Date, zone: string): ZonedParts | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(formatter(zone).formatToParts(date).map((part) => [part.type, part.value]));
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${parts['hour']}:${parts['minute']}:${parts['second']}`,
    zone: zone === UTC ? UTC : (parts['timeZoneName'] ?? zone),
  };
}

/** `2026-12-06 14:05:09 GMT+1`; the text itself for what is no date. */
export function formatDateTime(value: string | Date, zone: string): string {
  const parts = zonedParts(value, zone);
  return parts ? `${parts.date} ${parts.time} ${parts.zone}` : String(value);
}

/** `2026-12-06 13:05:09 UTC`: what a hover shows next to a time in another zone. */
export function formatUtc(value: string | Date): string {
  return formatDateTime(value, UTC);
}

/** An axis tick: `Dec 6, 14:00` for hours, `Dec 6` for days, in `zone`. */
export function formatTick(value: Date, zone: string, withHour: boolean): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    month: 'short',
    day: 'numeric',
    ...(withHour ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  } as Intl.DateTimeFormatOptions).format(value);
}
