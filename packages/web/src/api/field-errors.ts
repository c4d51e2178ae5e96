/**
 * Which form field a problem belongs to, in the reader's language: from a core schema checked in
 * the browser before sending (its messages are error codes such as `phone_invalid`), or from the
 * server's validation details (`[{ path, message }]`, already in the caller's language). A form
 * shows each under its field, so nobody has to guess which box is wrong.
 */
import { errorMessage, isErrorCode } from '@yishi/core';
import { currentLocale } from '../state/preferences.js';
import { ApiError } from './client.js';

export type FieldErrors = Partial<Record<string, string>>;

interface Issue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** The first problem of each field from a failed `schema.safeParse(…)`; form-wide ones under ''. */
export function schemaFieldErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    errors[field] ??= isErrorCode(issue.message) ? errorMessage(issue.message, currentLocale()) : issue.message;
  }
  return errors;
}

/** The server's validation details by field, plus the codes that are about one field (a taken code). */
export function apiFieldErrors(error: unknown, byCode: Partial<Record<string, string>> = {}): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const field = byCode[error.code];
  if (field !== undefined) return { [field]: error.message };
  if (!Array.isArray(error.details)) return {};
  const errors: FieldErrors = {};
  for (const detail of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof detail.path === 'string' && typeof detail.message === 'string') errors[detail.path] ??= detail.message;
  }
  return errors;
}
