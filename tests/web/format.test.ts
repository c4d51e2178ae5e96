/** How the web app writes dates, times and areas, and tells a workbook from a text file before sending it. */
import { describe, expect, test } from 'vitest';
import { formatArea, formatDate, formatDateTime, formatTime } from '../../packages/web/src/format/format.js';
import { XLSX_CONTENT_TYPE, rosterContentType } from '../../packages/web/src/pages/roster/roster-file.js';

describe('formatting for people', () => {
  test('dates read 2026年11月21日（周六） in Chinese and Sat 21 Nov 2026 in English', () => {
    expect(formatDate('2026-11-21', 'zh-CN')).toBe('2026年11月21日（周六）');
    expect(formatDate('2026-11-21', 'en')).toBe('Sat 21 Nov 2026');
    expect(formatDate('2026-01-05', 'zh-CN')).toBe('2026年1月5日（周一）');
  });

  test('instants are shown in China time with a 24-hour clock', () => {
    // 16:30 UTC is half past midnight the next day in Beijing.
    expect(formatDateTime('2026-11-21T16:30:00Z', 'zh-CN')).toBe('2026年11月22日（周日） 00:30');
    expect(formatTime('2026-11-21T11:05:00Z')).toBe('19:05');
  });

  test('areas keep two decimals and their unit', () => {
    expect(formatArea(8956, 'zh-CN')).toBe('89.56 平方米');
    expect(formatArea(9000, 'zh-CN')).toBe('90.00 平方米');
    expect(formatArea(1441230, 'en')).toBe('14412.30 m²');
  });
});

describe('sending a roster file', () => {
  // The server decodes text itself (UTF-16 by BOM, UTF-8, GB18030); the page only says what the bytes are.
  test('a zip archive is a workbook, whatever its name', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(rosterContentType('花名册.xlsx', zip)).toBe(XLSX_CONTENT_TYPE);
    expect(rosterContentType('renamed.csv', zip)).toBe(XLSX_CONTENT_TYPE);
  });

  test('an old binary .xls goes as a workbook too (the server says how to save it as .xlsx)', () => {
    expect(rosterContentType('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toBe(XLSX_CONTENT_TYPE);
  });

  test('everything else is text, GB18030 and UTF-16 included', () => {
    const gbk = new Uint8Array([194, 165, 182, 176, 44, 183, 191, 186, 197, 10]);
    expect(rosterContentType('roster.csv', gbk)).toBe('text/csv');
    expect(rosterContentType('unicode.txt', new Uint8Array([0xff, 0xfe, 0x3c, 0x69]))).toBe('text/csv');
    expect(rosterContentType('empty.csv', new Uint8Array(0))).toBe('text/csv');
  });
});
