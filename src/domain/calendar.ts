/*
 * Office days: reminders go out Monday to Friday, never on a listed public holiday. Lunar holidays
 * (Tết, Giỗ Tổ) come from the list an administrator keeps, not from a formula.
 */

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export interface OfficeCalendar {
  /** ISO weekdays when the office works; default Monday–Friday. */
  weekdays: readonly number[];
  holidays: ReadonlySet<string>;
}

export const WORKWEEK = [1, 2, 3, 4, 5] as const;

export function isOfficeDay(iso: string, cal: OfficeCalendar): boolean {
  return cal.weekdays.includes(isoWeekday(iso)) && !cal.holidays.has(iso);
}
