/**
 * The one CSV writer of every export (roster, vote roll, ledger, the staff list the web page saves):
 * papaparse's `unparse` with one escaping rule, a BOM so that Excel and WPS read UTF-8 instead of the
 * system code page, and CRLF line ends.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return
 * in front of one) as a formula — `=cmd|' /C calc'!A0` starts a program. Such text is written with a
 * leading apostrophe inside quotes, which spreadsheets show as text. The full-width forms (＝ ＋ － ＠)
 * count too: WPS, common in Chinese offices, turns them into formulas as well.
 *
 * Numbers stay numbers: a value given as a number (a floor area, a count, a sequence number) cannot
 * carry a formula, so -12.5 is written as -12.5. Text that merely looks like a negative number
 * ("-1+2") is text a person typed, and is escaped like any other.
 */
import Papa from 'papaparse';

/** Text a spreadsheet would run as a formula. Papaparse's own default misses text with a line break. */
export const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/u;

export type CsvValue = string | number | null | undefined;

/** Rows (the first is the header) as CSV text for Excel: BOM, quoted where needed, formulas neutralised. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  if (rows.length === 0) return '\uFEFF';
  const text = Papa.unparse(
    rows.map((row) => row.map((value) => value ?? '')),
    { newline: '\r\n', escapeFormulae: FORMULA_START, header: false },
  );
  return `\uFEFF${text}\r\n`;
}

/** A cell of a file we wrote, read back: the apostrophe `toCsv` put before a formula is taken off again. */
export function unescapeCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
