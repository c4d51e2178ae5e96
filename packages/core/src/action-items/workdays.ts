/**
 * Working days on the official PRC calendar. Weekends and statutory holidays are off; make-up working
 * days (调休, a Saturday or Sunday declared a working day) are on. The holiday data comes from the
 * maintained `chinese-days` package, which the State Council's yearly notice feeds. A year the data
 * does not cover yet cannot be computed honestly: the result then carries `calendarMissing` and the
 * years concerned, and the date is a provisional weekends-only estimate that every screen must flag.
 *
 * Dates are calendar dates in China (Asia/Shanghai, UTC+8 all year, no daylight saving), written
 * YYYY-MM-DD (china-dates.ts).
 */
import chineseDays from 'chinese-days';

export { chinaDate, endOfChinaDay } from './china-dates.js';

function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return day === 0 || day === 6;
}

const coveredYears = new Map<number, boolean>();

/** Whether the holiday data covers this year (it is published late in the year before). */
export function hasCalendarData(year: number): boolean {
  let known = coveredYears.get(year);
  if (known === undefined) {
    // Every year has statutory holidays on weekdays (New Year, Spring Festival, National Day …);
    // a year with none in the data is a year the data does not cover.
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coveredYears.set(year, known);
  }
  return known;
}

/** Whether a date is a working day; `null` when the year has no calendar data. */
export function isWorkingDay(date: string): boolean | null {
  if (!hasCalendarData(Number(date.slice(0, 4)))) return null;
  return chineseDays.isWorkday(date);
}

export interface WorkdayDeadline {
  /** The last working day on which the item is still on time (YYYY-MM-DD). */
  dueDate: string;
  /** True when some day counted lies in a year without holiday data: the date is an estimate. */
  calendarMissing: boolean;
  /** The years without data that the count ran through. */
  missingYears: number[];
}

/**
 * The date `workdays` working days after `from` (a China date). The day of listing does not count:
 * an item listed on a Friday with 5 working days is due on the fifth working day after it.
 */
export function addWorkdays(from: string, workdays: number): WorkdayDeadline {
  if (!Number.isInteger(workdays) || workdays < 0) throw new RangeError(`workdays must be a non-negative integer, got ${workdays}`);
  const missing = new Set<number>();
  let date = from;
  let counted = 0;
  while (counted < workdays) {
    date = addCalendarDays(date, 1);
    const known = isWorkingDay(date);
    if (known === null) missing.add(Number(date.slice(0, 4)));
    if (known ?? !isWeekend(date)) counted += 1;
  }
  return { dueDate: date, calendarMissing: missing.size > 0, missingYears: [...missing].sort() };
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workdaysBetween(from: string, to: string): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  let date = from;
  let count = 0;
  while (date !== to) {
    date = addCalendarDays(date, sign);
    if (isWorkingDay(date) ?? !isWeekend(date)) count += 1;
  }
  return sign * count;
}
