/**
 * A JSON answer with its length told. Compression (hono's, app.ts) waits for 1 KiB; without a length
 * it would stream every answer through gzip to find out, a refusal of a few dozen bytes included. A
 * route's result and an error both go out through here.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function jsonAnswer(c: Context, body: unknown, status: ContentfulStatusCode, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body ?? null);
  return c.body(text, status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
}
