/**
 * Files the server makes on request (activation letters as PDF): POST JSON, receive bytes. Errors
 * arrive as the usual `{ error: { code, message, details } }` and become the same ApiError that
 * api/client.ts throws, so a page shows the server's words as they are.
 */
import { currentLocale } from '../state/preferences.js';
import { ApiError } from './client.js';

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  headers: Headers;
}

const NETWORK_MESSAGE = {
  'zh-CN': '网络连接失败，请检查网络后重试',
  en: 'Could not reach the server; check your connection and try again',
} as const;

function fileNameOf(headers: Headers, fallback: string): string {
  const disposition = headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

export async function postForFile(path: string, body: unknown, fallbackName: string): Promise<DownloadedFile> {
  return fetchFile(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, 'application/pdf', fallbackName);
}

/** A file the server makes on a GET (an evidence bundle): the same errors as postForFile. */
export function getForFile(path: string, accept: string, fallbackName: string): Promise<DownloadedFile> {
  return fetchFile(path, { method: 'GET' }, accept, fallbackName);
}

async function fetchFile(path: string, init: RequestInit, accept: string, fallbackName: string): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), Accept: `${accept}, application/json`, 'Accept-Language': currentLocale() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', NETWORK_MESSAGE[currentLocale()]);
  }
  if (!response.ok) {
    let error: { code?: string; message?: string; details?: unknown } | undefined;
    try {
      error = ((await response.json()) as { error?: typeof error }).error;
    } catch {
      error = undefined;
    }
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${response.status} ${response.statusText}`, error?.details ?? null);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers, fallbackName), headers: response.headers };
}

/** Hands a blob to the browser as a download (the shell's link interception skips `download` links). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = Object.assign(document.createElement('a'), { href: url, download: fileName });
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
