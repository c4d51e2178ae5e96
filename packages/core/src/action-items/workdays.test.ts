import { describe, expect, it } from 'vitest';
import { addWorkdays, chinaDate, endOfChinaDay, hasCalendarData, isWorkingDay, workdaysBetween } from './workdays.js';

describe('working days on the PRC calendar', () => {
  it('knows which years the holiday data covers', () => {
    expect(hasCalendarData(2025)).toBe(true);
    expect(hasCalendarData(2026)).toBe(true);
    expect(hasCalendarData(2099)).toBe(false);
  });

  it('treats make-up Saturdays and Sundays as working days and holidays as days off', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day before National Day 2025
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up day after it
    expect(isWorkingDay('2025-10-08')).toBe(false); // Wednesday inside the holiday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, Spring Festival 2026 make-up
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, National Day 2026 make-up
    expect(isWorkingDay('2026-10-05')).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false); // an ordinary Saturday
  });

  it('an item listed on the Friday before National Day 2025 is due on 10 October', () => {
    // Sun 28 Sep (make-up) 1, Mon 29 2, Tue 30 3, 1–8 Oct off, Thu 9 Oct 4, Fri 10 Oct 5.
    expect(addWorkdays('2025-09-26', 5)).toEqual({ dueDate: '2025-10-10', calendarMissing: false, missingYears: [] });
    // The sixth working day is the make-up Saturday 11 October.
    expect(addWorkdays('2025-09-26', 6).dueDate).toBe('2025-10-11');
  });

  it('an item listed on the Friday before National Day 2026 is due on 9 October', () => {
    // Mon 28 Sep 1, Tue 29 2, Wed 30 3, 1–7 Oct off, Thu 8 Oct 4, Fri 9 Oct 5; Sat 10 Oct is a make-up day.
    expect(addWorkdays('2026-09-25', 5).dueDate).toBe('2026-10-09');
    expect(addWorkdays('2026-09-25', 6).dueDate).toBe('2026-10-10');
  });

  it('counts across Spring Festival 2026 with its make-up Saturdays', () => {
    // Listed Fri 13 Feb 2026: Sat 14 Feb make-up 1, 15–23 Feb holiday, Tue 24 2, Wed 25 3, Thu 26 4, Fri 27 5.
    expect(addWorkdays('2026-02-13', 5).dueDate).toBe('2026-02-27');
    expect(addWorkdays('2026-02-13', 6).dueDate).toBe('2026-02-28'); // Sat 28 Feb is a make-up day
  });

  it('an ordinary week: Monday plus 5 working days is the next Monday', () => {
    expect(addWorkdays('2026-11-16', 5).dueDate).toBe('2026-11-23');
  });

  it('flags a deadline that runs into a year without holiday data instead of guessing silently', () => {
    const result = addWorkdays('2026-12-28', 5);
    expect(result.calendarMissing).toBe(true);
    expect(result.missingYears).toEqual([2027]);
    // Within a covered year nothing is flagged.
    expect(addWorkdays('2026-12-21', 5).calendarMissing).toBe(false);
  });

  it('counts working days between dates both ways', () => {
    expect(workdaysBetween('2025-09-26', '2025-10-10')).toBe(5);
    expect(workdaysBetween('2025-10-10', '2025-09-26')).toBe(-5);
  });

  it('reads dates in China time', () => {
    expect(chinaDate(new Date('2026-11-20T16:30:00Z'))).toBe('2026-11-21');
    expect(endOfChinaDay('2026-11-21').toISOString()).toBe('2026-11-21T15:59:59.999Z');
  });
});
