/**
 * Spreadsheet uploads as rows of text: an Excel workbook (.xlsx, read with `read-excel-file`, first
 * sheet), or text that Excel saves — CSV in UTF-8 or GB18030, and "Unicode text" (UTF-16 with a BOM,
 * tab-separated). Cells become text as a person reads them in Excel: 101.66 stays "101.66", a phone
 * 13800000001 stays "13800000001", a date is YYYY-MM-DD.
 *
 * Defensive: the body is already bounded by the app's body limit, but a workbook is a zip archive,
 * and a small one can unpack to gigabytes. Before the workbook is read, its entries are inflated in
 * small steps and counted, and one that unpacks to more than MAX_UNPACKED_BYTES is refused.
 * Anything the reader cannot make sense of is a `bad_spreadsheet` (400), never a 500.
 */
import { DomainError, csvRows } from '@yishi/core';
import { Unzip, UnzipInflate } from 'fflate';
import { readSheet } from 'read-excel-file/node';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What a spreadsheet body may be sent as (the OpenAPI document lists them). */
export const SPREADSHEET_CONTENT_TYPES = ['text/csv', XLSX_CONTENT_TYPE, 'text/plain', 'text/tab-separated-values'] as const;

/** A workbook's XML may unpack to this much; a 20,000-unit roster is about 15 MB. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** A zip archive (every .xlsx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/** The old binary Excel format (.xls, an OLE compound file), which we do not read. */
export function looksLikeOldExcel(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/**
 * Text as Excel and WPS save it: UTF-16LE/BE when a BOM says so ("Unicode text"), UTF-8 with or
 * without BOM, and otherwise GB18030 — the code page of a Chinese Windows PC ("CSV" in Excel).
 */
export function decodeTextBytes(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Inflates every entry in small steps, counting; true when the total stays within `limit`. */
function unpacksWithin(bytes: Uint8Array, limit: number): boolean {
  let total = 0;
  const unzip = new Unzip((file) => {
    file.ondata = (error, chunk) => {
      if (!error) total += chunk.length;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // A 4 KB step inflates to at most ~4 MB, so we stop soon after the limit.
  const step = 4096;
  for (let offset = 0; offset < bytes.length && total <= limit; offset += step) {
    unzip.push(bytes.subarray(offset, offset + step), offset + step >= bytes.length);
  }
  return total <= limit;
}

/** A number cell's text as the workbook stores it, kept apart from text cells until converted. */
class NumberCell {
  constructor(readonly text: string) {}
}

/**
 * A stored number as a person reads it: integers as they are (a phone keeps all 11 digits), other
 * numbers to 15 significant digits, as Excel shows them, so binary noise such as
 * 0.30000000000000004 or 88.499999999999986 does not reach the roster.
 */
export function numberText(stored: string): string {
  const text = stored.trim();
  if (/^-?\d+$/.test(text)) return text.replace(/^(-?)0+(?=\d)/, '$1');
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  return String(Number(value.toPrecision(15)));
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof NumberCell) return numberText(value.text);
  if (value instanceof Date) return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberText(String(value));
  return String(value);
}

/** The first sheet of an .xlsx workbook as rows of text; row 1 of the sheet is rows[0]. */
export async function readWorkbookRows(bytes: Uint8Array): Promise<string[][]> {
  if (!looksLikeZip(bytes)) throw new DomainError('bad_spreadsheet');
  let fits: boolean;
  try {
    fits = unpacksWithin(bytes, MAX_UNPACKED_BYTES);
  } catch {
    throw new DomainError('bad_spreadsheet');
  }
  if (!fits) throw new DomainError('spreadsheet_too_large', { limit: `${MAX_UNPACKED_BYTES / 1024 / 1024} MB` });
  let sheet: unknown[][];
  try {
    sheet = await readSheet<NumberCell>(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 1, {
      parseNumber: (text) => new NumberCell(text),
    });
  } catch {
    // Not a zip, not a workbook, a broken sheet: whatever the reader refuses is the file's fault.
    throw new DomainError('bad_spreadsheet');
  }
  return sheet.map((row) => row.map(cellText));
}

/** Rows of a spreadsheet upload: a workbook by its content type or its zip signature, otherwise text. */
export async function spreadsheetRows(bytes: Uint8Array, contentType: string): Promise<string[][]> {
  if (contentType === XLSX_CONTENT_TYPE || looksLikeZip(bytes) || looksLikeOldExcel(bytes)) return readWorkbookRows(bytes);
  return csvRows(decodeTextBytes(bytes));
}
