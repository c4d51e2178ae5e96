/**
 * The problems of a core schema checked in the browser before sending, by field, in the reader's
 * language (the schemas' messages are error codes such as `phone_invalid`). Apart from
 * field-errors.ts because it carries core's error messages, which only pages with such forms need.
 */
import { errorMessage, isErrorCode } from '@yishi/core';
import { currentLocale } from '../state/preferences.js';
import type { FieldErrors } from './field-errors.js';

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
