/**
 * A roster file goes to the server as it is, bytes and all: an Excel workbook (.xlsx) with its
 * content type, anything else as text/csv. The server decodes text (UTF-16 by its BOM — Excel's
 * "Unicode text" — UTF-8, or GB18030) and reads workbooks, so the page and the server can never
 * disagree about what a file says.
 */
import { endpointUrl, rosterEndpoints, rosterImportSummarySchema, type RosterImportSummary } from '@yishi/core';
import { z } from 'zod';
import { ApiError } from '../../api/client.js';
import { currentLocale } from '../../state/preferences.js';

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

const NETWORK_MESSAGE = {
  'zh-CN': '网络连接失败，请检查网络后重试',
  en: 'Could not reach the server; check your connection and try again',
} as const;

/** The one error shape of the API. */
const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });

/**
 * Sends the file's bytes to the roster import (a check only, with `dryRun`) and answers what it did,
 * checked against the endpoint's schema; a refusal throws an ApiError with the server's code, words
 * and details, as the typed client does. (api.call sends JSON; a workbook has to travel as bytes.)
 */
export async function uploadRoster(compoundId: string, upload: RosterUpload, options: { dryRun: boolean }): Promise<RosterImportSummary> {
  const url = endpointUrl(rosterEndpoints.import, { params: { compoundId }, query: options.dryRun ? { dryRun: '1' } : {} });
  let response: Response;
  try {
    response = await fetch(url, {
      method: rosterEndpoints.import.method.toUpperCase(),
      headers: { Accept: 'application/json', 'Accept-Language': currentLocale(), 'Content-Type': upload.contentType },
      body: new Blob([upload.bytes], { type: upload.contentType }),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', NETWORK_MESSAGE[currentLocale()]);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const body = errorBodySchema.safeParse(parsed);
    if (!body.success) throw new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`);
    throw new ApiError(response.status, body.data.error.code, body.data.error.message, body.data.error.details ?? null);
  }
  return rosterImportSummarySchema.parse(parsed);
}
