/**
 * The date an item listed today is due in so many working days, on the official calendar (core's
 * addWorkdays, as the server counts it). Loaded on demand by deadline-field.ts: the holiday table
 * it needs (chinese-days, about 8 KiB gzipped) is not on every page that lists an item.
 */
import { addWorkdays, chinaDate, type WorkdayDeadline } from '@yishi/core';

export function dueFromToday(workdays: number, now: Date = new Date()): WorkdayDeadline {
  return addWorkdays(chinaDate(now), workdays);
}
