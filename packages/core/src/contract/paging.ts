/**
 * Keyset paging, one shape for every list API: the query names where to continue (`after`, an opaque
 * cursor the previous page handed out) and how many (`limit`); the answer is one page
 * `{ items, next }`, `next` being the cursor of the following page or null after the last one.
 *
 * A cursor holds the sort key(s) and the id of the last row shown, so the next page starts right
 * after that row (`(sortKey, id) > (?, ?)` on the server, see server/src/db/keyset.ts): no row is
 * shown twice or skipped when rows share a sort key, and a page costs the same at item 40,000 as at
 * item 1. Clients never build or read cursors; they only hand them back.
 */
import { z } from 'zod';

/** The most items one page may ask for: a page stays well below the 500 KB every answer must keep under. */
export const PAGE_LIMIT_MAX = 200;
/** Items per page when the query names no limit. */
export const PAGE_LIMIT_DEFAULT = 50;

/** One value of a sort key in a cursor: text (times are ISO text), a number, or null. */
export type CursorValue = string | number | null;

/** A cursor for the row with these sort-key values (the id last): URL-safe base64 of a JSON array. */
export function encodeCursor(key: readonly CursorValue[]): string {
  return base64UrlEncode(JSON.stringify(key));
}

/** The sort-key values a cursor holds, or null when it is not one this API handed out. */
export function decodeCursor(cursor: string): CursorValue[] | null {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(base64UrlDecode(cursor));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  const valid = parsed.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  return valid ? (parsed as CursorValue[]) : null;
}

const cursorSchema = z.string().refine((cursor) => decodeCursor(cursor) !== null, { message: 'page_cursor_invalid' });

/**
 * The paging part of a list query: `after` (a cursor from the previous page's `next`) and `limit`
 * (1 to PAGE_LIMIT_MAX, `defaultLimit` when absent). A bad cursor or limit is a 400 in the caller's
 * language. Extend it with the list's own filters: `pageQuerySchema().extend({ status: … })`.
 */
export function pageQuerySchema(defaultLimit: number = PAGE_LIMIT_DEFAULT) {
  return z.object({
    after: cursorSchema.optional(),
    limit: z.coerce
      .number({ message: 'page_limit_invalid' })
      .int({ message: 'page_limit_invalid' })
      .min(1, { message: 'page_limit_invalid' })
      .max(PAGE_LIMIT_MAX, { message: 'page_limit_invalid' })
      .default(defaultLimit),
  });
}

/** What a repository needs to read one page: the cursor (already checked by the query schema) and the limit. */
export interface PageRequest {
  after?: string | undefined;
  limit: number;
}

/** The answer of a paged list: the page's items and the cursor of the next page (null: this was the last). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next: z.string().nullable().describe('Cursor of the next page: pass it as `after`; null after the last page'),
  });
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
