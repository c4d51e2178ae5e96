/**
 * Domain code throws DomainError with a stable code; the server maps the code to an HTTP status and
 * a message in the caller's language (see ../i18n/error-messages.ts). Nothing else is thrown on
 * purpose, so every expected failure reaches the user as words, not as a stack trace.
 */
import type { ErrorCode } from '../i18n/error-messages.js';

export type ErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly details: unknown;

  constructor(code: ErrorCode, params: ErrorParams = {}, details?: unknown) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
    this.details = details;
  }
}
