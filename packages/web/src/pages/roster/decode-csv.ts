/**
 * Spreadsheet CSV files arrive in two encodings: UTF-8 (with or without BOM) and, from Chinese
 * Excel's plain "CSV" option, GB18030/GBK. Try strict UTF-8 first, then GB18030.
 *
 * No longer used by the roster page: it sends the file's bytes as they are and the server decodes
 * them (UTF-16 "Unicode text" included; packages/server/src/http/spreadsheet.ts), so the browser and
 * the server cannot disagree. Kept only because tests/web/format.test.ts still imports it; remove
 * both together.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
