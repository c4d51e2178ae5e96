/**
 * Cells of the Excel exports (ledger, dashboard), written with `write-excel-file`. One rule for text,
 * as for CSV (core's `toCsv`): text is a text cell with the "@" (Text) number format, never a formula —
 * a title such as `=cmd|' /C calc'!A0` is stored as a shared string, and the Text format keeps Excel
 * and WPS from turning it into a formula even when someone edits the cell. Dates are date cells (a
 * serial number with a date format) and rates are numbers with a % format, so they sort and sum.
 */
import type { CellObject } from 'write-excel-file/node';

export function workbookText(value: string): CellObject {
  return { value, type: String, format: '@' };
}

export function workbookHeading(value: string): CellObject {
  return { ...workbookText(value), fontWeight: 'bold' };
}

/** `date` as the spreadsheet should show it: its UTC fields are the wall-clock time (pass China time). */
export function workbookDate(date: Date, format: 'yyyy-mm' | 'yyyy-mm-dd' | 'yyyy-mm-dd hh:mm'): CellObject {
  return { value: date, type: Date, format };
}

/** A rate from 0 to 1 as a number shown as a percentage (94.3%); none is an empty cell. */
export function workbookPercent(rate: number | null): CellObject | null {
  return rate === null ? null : { value: rate, type: Number, format: '0.0%' };
}

export function workbookNumber(value: number | null): CellObject | null {
  return value === null ? null : { value, type: Number };
}

/** A floor area (integer hundredths of m²) as a number shown with two decimals, so a column sums. */
export function workbookArea(centi: number): CellObject {
  return { value: centi / 100, type: Number, format: '0.00' };
}
