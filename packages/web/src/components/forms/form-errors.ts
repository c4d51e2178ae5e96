/**
 * Errors next to the field they are about: focus moved to the field in error (its problem is read
 * with it: components/forms/native-field.ts), and the styles of a problem's words where a form
 * draws them itself. Which field a problem belongs to is api/field-errors.ts's job. The words are
 * the server's, in the reader's language; the field's red border is only a second cue.
 */
import { css, type LitElement } from 'lit';

/** A form control by name (not a tab panel or anything else that has a name). */
function controlSelector(name: string): string {
  return `:is(input, select, textarea)[name="${name}"]`;
}

/** Moves focus to the named control once the page has rendered (the error is read with it); in a radio group, to the chosen one. */
export async function focusControl(host: LitElement, name: string): Promise<void> {
  await host.updateComplete;
  const control =
    host.renderRoot.querySelector<HTMLElement>(`input[type='radio'][name="${name}"]:checked`) ??
    host.renderRoot.querySelector<HTMLElement>(controlSelector(name));
  if (!control) return;
  // A tab panel or a dialog just opened may show itself a moment later: focus() on something hidden does nothing.
  for (let frame = 0; frame < 30 && !control.checkVisibility(); frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  control.focus();
}

export const formErrorStyles = css`
  .field-error {
    display: block;
    color: var(--yishi-danger-text);
    font-weight: 600;
  }
  .field-hint {
    display: block;
    color: var(--yishi-muted);
  }
  sl-input[data-invalid]::part(base),
  sl-checkbox[data-invalid]::part(control) {
    border-color: var(--yishi-danger-text);
  }
  sl-input::part(form-control-help-text),
  sl-checkbox::part(form-control-help-text),
  sl-radio-group::part(form-control-help-text) {
    font-size: 0.9375rem;
    line-height: 1.5;
    margin-top: 0.25rem;
  }
  sl-input::part(form-control-label),
  sl-radio-group::part(form-control-label) {
    font-weight: 600;
  }
`;
