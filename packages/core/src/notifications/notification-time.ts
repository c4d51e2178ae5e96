/**
 * Notification timing, pure: Beijing wall-clock dates and times (the daily 08:30 run, the words'
 * dates), quiet hours (22:00–07:30 hold SMS and e-mail until the morning) and the retry back-off.
 */
import type { Locale } from '../i18n/locale.js';

// ---- Beijing time ------------------------------------------------------------------------------

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar date (YYYY-MM-DD) and minutes since its midnight of an instant. */
export function beijingClock(at: Date): { date: string; minutes: number } {
  const shifted = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

/** The instant of a Beijing wall-clock time on a Beijing date. */
export function beijingInstant(date: string, minutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS + minutes * 60_000);
}

/** The next Beijing date after `date`. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** 12月3日 18:00 / 3 Dec 18:00 (Beijing time). */
export function formatNotificationTime(iso: string, locale: Locale): string {
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (locale === 'zh-CN') return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${d.getUTCDate()} ${month} ${hm} (Beijing time)`;
}

/** A Beijing date YYYY-MM-DD as 12月3日 / 3 Dec. */
export function formatNotificationDate(date: string, locale: Locale): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  if (locale === 'zh-CN') return `${m}月${d}日`;
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]}`;
}

// ---- quiet hours and retries -------------------------------------------------------------------

/** Quiet hours in Beijing time: from 22:00 to 07:30 the next morning SMS and e-mail wait. */
export const QUIET_HOURS = { from: 22 * 60, until: 7 * 60 + 30 } as const;

/** When a message that could go at `at` may go: `at` itself, or 07:30 Beijing time if `at` falls in quiet hours. */
export function afterQuietHours(at: Date): Date {
  const { date, minutes } = beijingClock(at);
  if (minutes >= QUIET_HOURS.from) return beijingInstant(nextDate(date), QUIET_HOURS.until);
  if (minutes < QUIET_HOURS.until) return beijingInstant(date, QUIET_HOURS.until);
  return at;
}

/**
 * How long to wait before attempt `attempt + 1` after `attempt` failed (1-based): 30 s, 1 min, 2 min …
 * doubling up to 1 hour; `jitter` in [0, 1) spreads retries of a burst by up to a fifth.
 */
export function retryDelayMs(attempt: number, jitter = 0): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (1 + jitter / 5));
}
