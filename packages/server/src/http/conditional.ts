/**
 * Answers that feed readers and calendar apps poll (the board's Atom and RSS feeds, the meetings
 * calendar): an ETag (a hash of the body, so two instances give the same tag for the same text) and a
 * Last-Modified, and 304 Not Modified without a body when the reader already has this version.
 * If-None-Match decides when it is sent; If-Modified-Since only without it (RFC 9110, 13.2.2).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export interface ConditionalOptions {
  contentType: string;
  cacheControl: string;
  /** When the content last changed; null when nothing in it has a date (no Last-Modified then). */
  lastModified: Date | null;
  headers?: Record<string, string>;
}

export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `tag` (weak comparison, as RFC 9110 asks for GET). */
function matchesTag(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

export function conditionalBody(c: Context, body: string, options: ConditionalOptions): Response {
  const tag = entityTag(body);
  const headers: Record<string, string> = { ...options.headers, ETag: tag, 'Cache-Control': options.cacheControl };
  // HTTP dates have whole seconds: compare in seconds, or a reader's copy would never be fresh.
  const modifiedSeconds = options.lastModified ? Math.floor(options.lastModified.getTime() / 1000) : null;
  if (modifiedSeconds !== null) headers['Last-Modified'] = new Date(modifiedSeconds * 1000).toUTCString();

  const ifNoneMatch = c.req.header('if-none-match');
  const ifModifiedSince = c.req.header('if-modified-since');
  let fresh = false;
  if (ifNoneMatch !== undefined) fresh = matchesTag(ifNoneMatch, tag);
  else if (ifModifiedSince !== undefined && modifiedSeconds !== null) {
    const since = Date.parse(ifModifiedSince);
    fresh = !Number.isNaN(since) && modifiedSeconds <= Math.floor(since / 1000);
  }
  if (fresh) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'Content-Type': options.contentType });
}
