import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvRows } from '../roster/roster.js';
import { toCsv, unescapeCsvCell } from './csv.js';

/** The cells as a spreadsheet receives them (papaparse reads quotes as Excel does). */
function cellsOf(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
}

const ATTACKS = ["=cmd|' /C calc'!A0", '+1', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1', '=1+2\nsecond line', '＝1+1', '－1'];

describe('toCsv', () => {
  it('writes every formula-like text cell with a leading apostrophe, so no spreadsheet runs it', () => {
    const cells = cellsOf(toCsv([['值'], ...ATTACKS.map((a) => [a])]));
    expect(cells.slice(1).map((row) => row[0])).toEqual(ATTACKS.map((a) => `'${a}`));
    for (const row of cells.slice(1)) expect(row[0]).not.toMatch(/^[=+\-@\t\r＝＋－＠]/u);
  });

  it('keeps numbers as numbers (a negative area or count is not a formula) and plain text as it is', () => {
    const csv = toCsv([
      ['面积', '名称', '空'],
      [-12.5, '3-2-101', null],
      [0, '王, "小" 明', undefined],
    ]);
    expect(csv).toBe('\uFEFF面积,名称,空\r\n-12.5,3-2-101,\r\n0,"王, ""小"" 明",\r\n');
  });

  it('reads back through the roster reader unchanged: the apostrophe it added comes off again', () => {
    const rows = [['楼栋', '业主'], ...ATTACKS.map((a) => ['1', a])];
    expect(csvRows(toCsv(rows)).filter((r) => r.length > 1)).toEqual(rows);
    expect(unescapeCsvCell("'hello")).toBe("'hello");
  });
});
