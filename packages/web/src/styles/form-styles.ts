/**
 * Forms and dialogs of the administration pages: a field's problem in words under it (and in the
 * danger colour, never the colour alone), status tags that carry a word and a glyph, and dialogs
 * that fit a 360-pixel phone.
 */
import { css } from 'lit';
import { tagStyles } from './tag-styles.js';

export const formStyles = css`
  /* Every control's label in bold, and checkboxes and radios as tall as a tap target. */
  sl-input::part(form-control-label),
  sl-select::part(form-control-label),
  sl-textarea::part(form-control-label),
  sl-radio-group::part(form-control-label) {
    font-weight: 600;
  }
  sl-checkbox,
  sl-radio {
    display: flex;
    align-items: center;
    min-height: var(--yishi-tap);
  }
  form.fields {
    display: grid;
    gap: 1rem;
    max-width: 36rem;
  }
  .invalid::part(form-control-help-text) {
    color: var(--yishi-danger-text);
    font-weight: 600;
  }
  .invalid::part(base) {
    border-color: var(--yishi-danger-text);
  }
  .form-error {
    margin: 0;
  }
  .form-error p {
    margin: 0;
  }
  sl-dialog.handover,
  sl-dialog.issued {
    --width: 40rem;
  }
  sl-dialog::part(panel) {
    max-width: calc(100vw - 1rem);
  }
  sl-dialog::part(title) {
    font-size: 1.2rem;
    line-height: 1.4;
  }
  sl-dialog::part(body) {
    padding-top: 0.25rem;
  }
  sl-dialog::part(footer) {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }
  sl-alert::part(message) {
    font-size: 1rem;
    line-height: var(--yishi-line);
  }
  sl-alert p {
    margin: 0.25rem 0 0;
  }
  ${tagStyles}
`;
