/**
 * Which form field a problem belongs to, in the reader's language: from the server's validation
 * details (`[{ path, message }]`, already in the caller's language), or (schema-field-errors.ts)
 * from a core schema checked in the browser before sending. A form shows each under its field, so
 * nobody has to guess which box is wrong.
 */
import { ApiError } from './client.js';

export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

export interface SortedError<F extends string> {
  fields: FieldErrors<F>;
  /** What belongs to no field (a network failure, an invalid setup link …). */
  general: string | null;
}

export function sortApiError<F extends string>(error: unknown, fields: readonly F[], fieldOfCode: Partial<Record<string, F>>): SortedError<F> {
  if (!(error instanceof ApiError)) return { fields: {}, general: error instanceof Error ? error.message : String(error) };
  if (error.code === 'validation_failed' && Array.isArray(error.details)) {
    const sorted: FieldErrors<F> = {};
    let general: string | null = null;
    for (const problem of error.details as Array<{ path?: unknown; message?: unknown }>) {
      const name = String(problem.path ?? '').split('.')[0] as F;
      if (fields.includes(name)) sorted[name] ??= typeof problem.message === 'string' ? problem.message : error.message;
      else general ??= error.message;
    }
    return Object.keys(sorted).length > 0 ? { fields: sorted, general } : { fields: {}, general: error.message };
  }
  const field = fieldOfCode[error.code];
  if (field) return { fields: { [field]: error.message } as FieldErrors<F>, general: null };
  return { fields: {}, general: error.message };
}
