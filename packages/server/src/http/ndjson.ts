/**
 * A long job's progress as it happens: one JSON object per line (NDJSON), flushed as written. Not
 * compressed or buffered on the way (no-transform; X-Accel-Buffering for nginx), so a page can move
 * its progress bar while the server works.
 */
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { AppEnv } from './context.js';

export function ndjsonStream<T>(c: Context<AppEnv>, run: (send: (event: T) => void) => Promise<void>): Response {
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
  c.header('Cache-Control', 'no-store, no-transform');
  c.header('X-Accel-Buffering', 'no');
  return stream(c, async (out) => {
    const pending: Promise<unknown>[] = [];
    await run((event) => void pending.push(out.write(`${JSON.stringify(event)}\n`)));
    await Promise.all(pending);
  });
}
