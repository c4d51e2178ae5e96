import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { decodeTextBytes, numberText, readWorkbookRows, spreadsheetRows } from './spreadsheet.js';

describe('spreadsheet cells as text', () => {
  it.each([
    ['101.66', '101.66'],
    ['13800000001', '13800000001'],
    ['1.3800000001E10', '13800000001'],
    ['0.30000000000000004', '0.3'],
    ['88.499999999999986', '88.5'],
    ['96', '96'],
    ['-12.5', '-12.5'],
  ])('the stored number %s reads %s', (stored, shown) => {
    expect(numberText(stored)).toBe(shown);
  });

  it('reads the first sheet: numbers without float noise, dates as YYYY-MM-DD, empty cells as ""', async () => {
    const data = [
      [{ value: '标题', span: 3 }, null, null],
      ['面积', '手机', '日期'],
      [101.66, 13800000001, { value: new Date(Date.UTC(2026, 11, 5)), type: Date, format: 'yyyy-mm-dd' }],
      [0.1 + 0.2, null, true],
    ];
    const bytes = new Uint8Array(await writeXlsxFile(data).toBuffer());
    expect(await readWorkbookRows(bytes)).toEqual([
      ['标题', '', ''],
      ['面积', '手机', '日期'],
      ['101.66', '13800000001', '2026-12-05'],
      ['0.3', '', 'TRUE'],
    ]);
    // A workbook sent as text/csv is still read as a workbook.
    expect((await spreadsheetRows(bytes, 'text/csv'))[2]).toEqual(['101.66', '13800000001', '2026-12-05']);
  });
});

describe('text as Excel and WPS save it', () => {
  const text = '楼栋\t房号\r\n1\t101\r\n';
  it('UTF-16LE and UTF-16BE by their BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff])]);
    expect(decodeTextBytes(le)).toBe(text);
    expect(decodeTextBytes(be)).toBe(text);
  });

  it('UTF-8 with or without BOM, else GB18030', () => {
    expect(decodeTextBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
    expect(decodeTextBytes(new TextEncoder().encode(text))).toBe(text);
    // "楼栋" in GB18030.
    expect(decodeTextBytes(new Uint8Array([0xc2, 0xa5, 0xb6, 0xb0]))).toBe('楼栋');
  });
});
