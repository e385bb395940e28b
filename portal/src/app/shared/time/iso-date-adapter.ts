import { Injectable, Provider } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MatDateFormats, NativeDateAdapter } from '@angular/material/core';

/**
 * Date inputs take and show ISO days (`2026-12-24`) whatever the browser's language, so a
 * typed day cannot be read as month/day in one place and day/month in another.
 */
const ISO = 'iso-day';

@Injectable()
export class IsoDateAdapter extends NativeDateAdapter {
  override format(date: Date, displayFormat: object | string): string {
    if (displayFormat !== ISO) return super.format(date, displayFormat as object);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  override parse(value: unknown): Date | null {
    if (typeof value !== 'string' || value.trim() === '') return value instanceof Date ? value : null;
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
    if (!match) return this.invalid();
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(year, month - 1, day);
    return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : this.invalid();
  }
}

export const ISO_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: ISO },
  display: {
    dateInput: ISO,
    monthLabel: { month: 'short' },
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

/** For components with date inputs, in place of provideNativeDateAdapter(). */
export function provideIsoDateAdapter(): Provider[] {
  return [
    { provide: DateAdapter, useClass: IsoDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: ISO_DATE_FORMATS },
  ];
}
