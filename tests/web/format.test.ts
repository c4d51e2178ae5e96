/** How the web app writes dates, times and areas, and reads the two encodings spreadsheets save CSV in. */
import { describe, expect, test } from 'vitest';
import { formatArea, formatDate, formatDateTime, formatTime } from '../../packages/web/src/format/format.js';
import { decodeCsvBytes } from '../../packages/web/src/pages/roster/decode-csv.js';

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

describe('reading a roster file', () => {
  test('UTF-8 with the BOM Excel writes', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('楼栋,房号\n1,101\n')]);
    expect(decodeCsvBytes(bytes)).toBe('楼栋,房号\n1,101\n');
  });

  test('GB18030/GBK from Chinese Excel\'s plain "CSV" option', () => {
    // '楼栋,单元,房号,面积\n1,1,101,89.56\n' encoded as GB18030.
    const gbk = new Uint8Array([194, 165, 182, 176, 44, 181, 165, 212, 170, 44, 183, 191, 186, 197, 44, 195, 230, 187, 253, 10, 49, 44, 49, 44, 49, 48, 49, 44, 56, 57, 46, 53, 54, 10]);
    expect(decodeCsvBytes(gbk)).toBe('楼栋,单元,房号,面积\n1,1,101,89.56\n');
  });
});
