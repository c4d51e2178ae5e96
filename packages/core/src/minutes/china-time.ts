/**
 * Dates and times as Chinese readers expect them on a notice: 2026年11月21日（周六） 14:00, in China
 * time (UTC+8 all year, no daylight saving), whatever the server's own time zone is.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const;

function shifted(instant: Date | string): Date {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + CHINA_OFFSET_MS);
}

/** 2026年11月21日（周六） */
export function formatChinaDate(instant: Date | string): string {
  const d = shifted(instant);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${WEEKDAYS[d.getUTCDay()]}）`;
}

/** 2026年11月21日: the date under an official document's issuing body (落款), no weekday. */
export function formatDocumentDate(instant: Date | string): string {
  const d = shifted(instant);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 14:05 */
export function formatChinaTime(instant: Date | string): string {
  const d = shifted(instant);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** 2026年11月21日（周六） 14:05 */
export function formatChinaDateTime(instant: Date | string): string {
  return `${formatChinaDate(instant)} ${formatChinaTime(instant)}`;
}

/** A China calendar date (YYYY-MM-DD) written out: 2026年11月21日（周六）. */
export function formatDateOnly(date: string): string {
  // Noon China time keeps the date stable whatever the offset arithmetic.
  return formatChinaDate(new Date(Date.parse(`${date}T04:00:00.000Z`)));
}
