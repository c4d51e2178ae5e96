/**
 * How the account pages (setup, activation, login, my account) handle a form's problems, on top of
 * the WriteController that sends their changes: a problem found before sending (a required field,
 * passwords that differ) is shown exactly as the server's are — under its field, a form-wide one in
 * an alert above the button — and focus goes to the first field in error, so a screen reader reads
 * the field with its message.
 */
import { html, nothing, type LitElement } from 'lit';
import { isApiError } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import type { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { focusControl } from '../forms/form-errors.js';

/** Shows problems found in the browser the way the WriteController shows the server's. */
export function showProblems<F extends string>(write: WriteController<F>, errors: FieldErrors<F>, general: string | null = null): void {
  write.clear();
  write.fieldErrors = errors;
  write.error = general;
}

/** The first field, in the form's order, that has a problem; focus moves to it. */
export function focusFirstProblem<F extends string>(host: LitElement, write: WriteController<F>, fields: readonly F[]): F | undefined {
  const first = fields.find((field) => write.fieldErrors[field]);
  if (first) void focusControl(host, first);
  return first;
}

/**
 * The action, noting when the server refuses it with `code`: for the few refusals that change what
 * the page shows next (setup already done, a phone not activated yet), not only the words. The
 * refusal itself still reaches the WriteController.
 */
export function noteRefusal<T>(action: Promise<T>, code: string, note: () => void): Promise<T> {
  return action.catch((error: unknown) => {
    if (isApiError(error, code)) note();
    throw error;
  });
}

/** The form-wide problem, above the form's button (a page using it adds buttonStyles, which draws `.alert`). */
export function renderFormError(message: string | null, options: { className?: string; title?: string } = {}) {
  if (!message) return nothing;
  return html`<div class="alert danger ${options.className ?? 'general-error'}" role="alert">
    <strong>${options.title ?? t('accounts.errorTitle')}</strong>
    <p>${message}</p>
  </div>`;
}
