/**
 * One error shape everywhere: `{ "error": { "code", "message", "details" } }`, the message in the
 * caller's language and the status core lists beside the code's words (errorStatus). Anything
 * unexpected is logged and answered as a 500 without internals.
 */
import { DomainError, errorMessage, errorStatus, type ErrorCode, type Locale } from '@yishi/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';
import { jsonAnswer } from './json-answer.js';

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return errorStatus(code) as ContentfulStatusCode;
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** Detail entries that carry their own code (a roster's bad rows, say) get a message too. */
function localiseDetails(details: unknown, locale: Locale): unknown {
  if (Array.isArray(details)) return details.map((item) => localiseDetails(item, locale));
  if (details === null || typeof details !== 'object') return details;
  const entry = details as Record<string, unknown>;
  if (typeof entry.code === 'string' && !('message' in entry)) {
    const params = (entry.params ?? {}) as Record<string, string | number>;
    return { ...entry, message: errorMessage(entry.code, locale, params) };
  }
  return Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, Array.isArray(value) ? localiseDetails(value, locale) : value]));
}

export function errorBody(error: DomainError, locale: Locale): ErrorBody {
  // A validation failure raised without naming its problem still reads as a sentence.
  const params =
    error.code === 'validation_failed' && error.params.problem === undefined ? { problem: errorMessage('validation_check', locale) } : error.params;
  return {
    error: { code: error.code, message: errorMessage(error.code, locale, params), details: localiseDetails(error.details ?? null, locale) },
  };
}

export function errorResponse(c: Context<AppEnv>, error: DomainError): Response {
  const locale = c.get('locale') ?? 'zh-CN';
  // Headers go in with the response: ones set on it afterwards are lost by @hono/node-server.
  const headers: Record<string, string> =
    (error.code === 'login_locked' || error.code === 'too_many_attempts') && typeof error.params.minutes === 'number'
      ? { 'Retry-After': String(error.params.minutes * 60) }
      : (error.code === 'sms_too_soon' || error.code === 'pdf_busy') && typeof error.params.seconds === 'number'
        ? { 'Retry-After': String(error.params.seconds) }
        : {};
  return jsonAnswer(c, errorBody(error, locale), statusOf(error.code), headers);
}

export function handleError(err: unknown, c: Context<AppEnv>): Response {
  if (err instanceof DomainError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode =
      status === 413
        ? 'body_too_large'
        : status === 404
          ? 'not_found'
          : status === 401
            ? 'unauthenticated'
            : status === 403
              ? 'forbidden'
              : 'validation_failed';
    return errorResponse(c, new DomainError(code, { limit: '2 MB' }));
  }
  if (clientWentAway(err)) {
    // Not the server's fault and nothing was done: one line, not a stack (a phone losing its signal mid-request).
    console.warn('[yishi] client closed the connection before its request arrived', c.req.method, c.req.path);
    return errorResponse(c, new DomainError('request_aborted'));
  }
  console.error('[yishi] unexpected error', c.req.method, c.req.path, err);
  return errorResponse(c, new DomainError('internal_error'));
}

/** node's error when the client closes the connection while its body is still being read. */
function clientWentAway(err: unknown): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === 'ECONNRESET' && err.message === 'aborted';
}
