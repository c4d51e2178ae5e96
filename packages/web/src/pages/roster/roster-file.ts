/**
 * A roster file goes to the server as it is, bytes and all: an Excel workbook (.xlsx) with its
 * content type, anything else as text/csv. The server decodes text (UTF-16 by its BOM — Excel's
 * "Unicode text" — UTF-8, or GB18030) and reads workbooks, so the page and the server can never
 * disagree about what a file says.
 */
import { rosterEndpoints, rosterImportEventSchema, type RosterImportEvent, type RosterImportProgress, type RosterImportSummary } from '@yishi/core';
import { ApiError, api } from '../../api/client.js';
import { t } from '../../i18n.js';

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

/**
 * Sends the file's bytes to the roster import (a check only, with `dryRun`) and answers what it did;
 * `onProgress` hears how far the server is (a 40,000-row file takes a while). A refusal throws an
 * ApiError with the server's code, words and details, as the typed client does.
 */
export async function uploadRoster(
  compoundId: string,
  upload: RosterUpload,
  options: { dryRun: boolean; onProgress?: (progress: RosterImportProgress) => void },
): Promise<RosterImportSummary> {
  let outcome: Exclude<RosterImportEvent, RosterImportProgress> | null = null;
  await api.uploadStreaming(rosterEndpoints.importWithProgress, {
    params: { compoundId },
    query: options.dryRun ? { dryRun: '1' } : {},
    file: upload.bytes,
    contentType: upload.contentType,
    onLine: (line) => {
      const event = rosterImportEventSchema.parse(line);
      if (event.type === 'progress') options.onProgress?.(event);
      else outcome = event;
    },
  });
  const last = outcome as Exclude<RosterImportEvent, RosterImportProgress> | null;
  if (last?.type === 'done') return last.summary;
  if (last?.type === 'error') throw new ApiError(422, last.error.code, last.error.message, last.error.details);
  throw new ApiError(0, 'network_error', t('roster.interrupted'));
}
