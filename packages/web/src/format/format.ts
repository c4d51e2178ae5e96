/**
 * How dates, times and areas read on screen: 2026年11月21日（周六）, 24-hour 19:30, 89.56 平方米.
 * English reads Sat 21 Nov 2026. Dates are shown in China time whatever the device's zone.
 */
import { formatAreaCenti, type Locale } from '@yishi/core';
import { currentLocale } from '../state/preferences.js';

const ZH_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

function partsOf(value: Date | string): Parts {
  // A bare 'YYYY-MM-DD' is a calendar day, not an instant: read it as it is written.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return { year: y, month: m, day: d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay(), hour: 0, minute: 0 };
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  const shifted = new Date(date.getTime() + 8 * 3_600_000); // China has no daylight saving time
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

export function formatDate(value: Date | string, locale: Locale = currentLocale()): string {
  const p = partsOf(value);
  if (locale === 'zh-CN') return `${p.year}年${p.month}月${p.day}日（${ZH_WEEKDAYS[p.weekday]}）`;
  return `${EN_WEEKDAYS[p.weekday]} ${p.day} ${EN_MONTHS[p.month - 1]} ${p.year}`;
}

export function formatTime(value: Date | string): string {
  const p = partsOf(value);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function formatDateTime(value: Date | string, locale: Locale = currentLocale()): string {
  return `${formatDate(value, locale)} ${formatTime(value)}`;
}

export function formatArea(centi: number, locale: Locale = currentLocale()): string {
  return locale === 'zh-CN' ? `${formatAreaCenti(centi)} 平方米` : `${formatAreaCenti(centi)} m²`;
}
