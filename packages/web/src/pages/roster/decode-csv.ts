/**
 * Spreadsheet CSV files arrive in two encodings: UTF-8 (with or without BOM) and, from Chinese
 * Excel's plain "CSV" option, GB18030/GBK. Try strict UTF-8 first, then GB18030.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
