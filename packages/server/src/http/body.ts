/**
 * Reading request bodies defensively: JSON only with a JSON content type (a cross-site HTML form
 * cannot send one, which is half of our CSRF defence), bounded nesting depth, CSV decoded from
 * UTF-16 by its BOM (Excel's "Unicode text"), UTF-8 or, failing that, GB18030 — the encoding Excel on
 * a Chinese Windows PC saves CSV in — and spreadsheets (CSV or .xlsx) read into rows of text.
 */
import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { DomainError, type Locale } from '@yishi/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { AppEnv } from './context.js';
import { SPREADSHEET_CONTENT_TYPES, decodeTextBytes, spreadsheetRows } from './spreadsheet.js';
import { SPREADSHEET_WORKER, runWorker } from '../workers/run-worker.js';

export const MAX_JSON_DEPTH = 32;
/** Uploads from this size on are read in a worker thread (about 2,000 roster rows). */
const WORKER_THRESHOLD_BYTES = 128 * 1024;

function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth > limit) return true;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

/**
 * The API's body limit. Served by node with a Content-Length (what browsers and the app's client
 * send), the length is checked and the body left in node's request, where readJsonBody reads it:
 * no web Request object is built for it (about a quarter of a millisecond per request); node's
 * parser never delivers more bytes than the length said. A request with no body at all passes as it
 * is. Anything else (a chunked upload, app.request() in tests) goes through Hono's bodyLimit, which
 * counts the bytes as they come.
 */
export function apiBodyLimit(maxSize: number, onError: () => never): MiddlewareHandler<AppEnv> {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (incoming && incoming.headers['transfer-encoding'] === undefined) {
      const length = incoming.headers['content-length'];
      if (length === undefined) return next();
      if (Number(length) > maxSize) onError();
      c.set('nodeBody', incoming);
      return next();
    }
    return counted(c, next);
  };
}

async function readNodeText(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  // As Request.text() decodes: UTF-8, a byte order mark dropped.
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

export async function readJsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError('unsupported_media_type', { expected: 'application/json' });
  }
  const incoming = c.get('nodeBody');
  const text = incoming ? await readNodeText(incoming) : await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('bad_json');
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) throw new DomainError('json_too_deep');
  return value;
}

export async function readCsvBody(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^text\/(?:csv|plain)\b/i.test(type)) throw new DomainError('unsupported_media_type', { expected: 'text/csv' });
  return decodeTextBytes(new Uint8Array(await c.req.arrayBuffer()));
}

/** A spreadsheet body: CSV/tab-separated text or an .xlsx workbook, as the first sheet's rows of text. */
export interface SpreadsheetBody {
  rows: string[][];
}

export async function readSpreadsheetBody(c: Context<AppEnv>): Promise<SpreadsheetBody> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(SPREADSHEET_CONTENT_TYPES as readonly string[]).includes(type)) {
    throw new DomainError('unsupported_media_type', { expected: SPREADSHEET_CONTENT_TYPES.join(', ') });
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  // A big workbook takes a second to read: off the event loop, in a worker; a small file is read here.
  if (bytes.length < WORKER_THRESHOLD_BYTES) return { rows: await spreadsheetRows(bytes, type) };
  return { rows: await runWorker<string[][]>(SPREADSHEET_WORKER, { bytes, contentType: type }, [bytes.buffer as ArrayBuffer]) };
}

/** Where the first U+0000 is in a parsed body (a string, a key), as a details path; null if none. */
function nulPath(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return item.path;
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, child] of Object.entries(item.value)) {
        const path = item.path ? `${item.path}.${key}` : key;
        if (key.includes('\u0000')) return path;
        stack.push({ value: child, path });
      }
    }
  }
  return null;
}

/**
 * No Yishi text holds the NUL character (U+0000), and PostgreSQL cannot store or even compare one
 * (SQLite can): a path, query or body with one is refused the same way on both databases, as
 * invalid input, instead of reaching the database and failing there.
 */
export function refuseNulCharacters(input: { url: string } | { body: unknown }, locale: Locale): void {
  const path = 'url' in input ? (/%00/i.test(input.url) ? 'url' : null) : nulPath(input.body);
  if (path === null) return;
  const message = locale === 'en' ? 'must not contain the NUL character (U+0000)' : '不能包含空字符（U+0000）';
  throw new DomainError('validation_failed', {}, [{ path: path || 'body', message }]);
}

/** Zod issues as `[{ path: "a.b", message }]`, the details of a validation_failed error. */
export function zodDetails(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
