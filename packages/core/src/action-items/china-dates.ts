/**
 * Calendar dates in China (Asia/Shanghai, UTC+8 all year, no daylight saving), written YYYY-MM-DD.
 * Apart from the working-day calendar (workdays.ts, which re-exports them): a web page that only
 * needs a date in China does not download the holiday table with it.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in China of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant at which a China calendar date ends (23:59:59.999 local time). */
export function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS + 24 * 60 * 60 * 1000 - 1);
}
