/**
 * A roster file goes to the server as it is, bytes and all: an Excel workbook (.xlsx) with its
 * content type, anything else as text/csv. The server decodes text (UTF-16 by its BOM — Excel's
 * "Unicode text" — UTF-8, or GB18030) and reads workbooks, so the page and the server can never
 * disagree about what a file says.
 */
import { rosterEndpoints, type RosterImportSummary } from '@yishi/core';
import { api } from '../../api/client.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What the file picker offers: CSV, Excel's text exports, and workbooks. */
export const ROSTER_FILE_ACCEPT = `.csv,.txt,.tsv,.xlsx,text/csv,text/plain,${XLSX_CONTENT_TYPE}`;

export interface RosterUpload {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * The content type by what the file is, not by its name: a zip archive is a workbook (also when
 * someone renamed it), so is the old binary .xls (the server then says how to save it as .xlsx);
 * everything else is text.
 */
export function rosterContentType(fileName: string, bytes: Uint8Array): string {
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  const oldExcel = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);
  if (zip || oldExcel || (bytes.length === 0 && /\.xlsx?$/i.test(fileName))) return XLSX_CONTENT_TYPE;
  return 'text/csv';
}

export async function readRosterFile(file: File): Promise<RosterUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { bytes, contentType: rosterContentType(file.name, bytes) };
}

/** Sends the file's bytes to the roster import (a check only, with `dryRun`) and answers what it did. */
export function uploadRoster(compoundId: string, upload: RosterUpload, options: { dryRun: boolean }): Promise<RosterImportSummary> {
  return api.upload(rosterEndpoints.import, {
    params: { compoundId },
    query: options.dryRun ? { dryRun: '1' } : {},
    file: upload.bytes,
    contentType: upload.contentType,
  });
}
