/**
 * Native text fields, checkboxes and dialogs drawn like Shoelace's large `<sl-input>`, `<sl-checkbox>`
 * and `<sl-dialog>`, for parts of pages that must stay light (the voting page's proxy panel), as
 * button-styles.ts does for buttons. Real `<input>`, `<label>` and `<dialog>` elements: keyboard,
 * screen readers, forms and a modal's focus trap come with the browser, and no Shoelace code loads.
 *
 * - `<label class="field"><span class="label">…</span><input class="input" aria-describedby=…></label>`
 *   with `<p class="help">` (or `<p class="help invalid">` for a problem, in words and in bold);
 * - `<label class="check"><input type="checkbox"> …</label>`, a tap target as tall as a button;
 * - `<fieldset class="choices">` radio buttons as bordered rows (components/forms/choice-field.ts);
 * - `<form class="fields">` lays them out, its `<p class="form-error">` a problem about no field;
 * - `<div class="password">` an input and its reveal button (components/forms/password-field.ts);
 * - `<dialog class="dialog">` with a `<h2>` and a `.actions` row, opened with showModal();
 * - `<fieldset class="sending" ?disabled=${busy}>` around a form's contents while it is sent.
 *
 * Large, as the pages' other controls (elder mode enlarges them with the rest of the page).
 */
import { css } from 'lit';

export const nativeFieldStyles = css`
  /* What a form holds, disabled while it is sent (what is typed meanwhile would go when the form
     resets for the next entry): no box of its own, the form's layout unchanged. */
  fieldset.sending {
    display: contents;
  }
  /* A form of native fields: one under another; the problem that is about no field, in words. */
  form.fields {
    display: grid;
    /* Never wider than the form: a date-and-time input's own width would widen the column. */
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    max-width: 36rem;
  }
  .form-error {
    margin: 0;
    color: var(--yishi-danger-text);
    font-weight: 600;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.35rem;
  }
  .field .label {
    font-weight: 600;
  }
  .input {
    width: 100%;
    min-height: var(--yishi-field-height, var(--sl-input-height-large));
    padding: 0 var(--yishi-field-spacing, var(--sl-input-spacing-large));
    font: inherit;
    font-size: var(--yishi-field-font-size, var(--sl-input-font-size-large));
    color: var(--sl-input-color);
    background: var(--sl-input-background-color);
    border: var(--sl-input-border-width) solid var(--sl-input-border-color);
    border-radius: var(--yishi-field-radius, var(--sl-input-border-radius-large));
  }
  /* A date and time reads whole on a phone, in elder mode too: the padding goes to the figures (in English the
     field shows 12/21/2026, 06:30 PM, wider than the Chinese 2026/12/21 18:30). */
  input.input[type='datetime-local'],
  input.input[type='date'] {
    padding-inline: 0.5rem 0.25rem;
  }
  textarea.input {
    padding-block: 0.6rem;
    line-height: 1.5;
    resize: vertical;
  }
  /*
   * A closed select shows its chosen option whole, on two lines if it must (a long option on a phone,
   * elder mode's large text), where the browser lets its button be styled (appearance: base-select);
   * the list it opens stays the phone's own picker. Elsewhere it stays the usual one-line select.
   */
  @supports (appearance: base-select) {
    select.input {
      appearance: base-select;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding-block: 0.3rem;
      line-height: 1.4;
      white-space: normal;
    }
    select.input::picker-icon {
      flex: none;
      margin-inline-start: auto;
      color: var(--yishi-muted);
    }
  }
  /* A date's focus sits on one of its parts (the month, the hour), inside the field: neither :focus nor :focus-visible matches the field, :focus-within does. */
  .input:focus-visible,
  input.input:is([type='date'], [type='datetime-local'], [type='time']):focus-within {
    outline: var(--sl-focus-ring-width) solid var(--sl-color-primary-600);
    outline-offset: 0;
  }
  .input[aria-invalid='true'] {
    border-color: var(--yishi-danger-text);
  }
  /* A password field and its "显示密码" button (components/forms/password-field.ts). */
  .password {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.5rem;
  }
  .password .reveal {
    padding: 0 0.75rem;
    font-size: 0.95rem;
  }
  .password .reveal[aria-pressed='true'] {
    color: var(--sl-color-primary-700);
    background: var(--sl-color-primary-50);
    border-color: var(--sl-color-primary-600);
  }
  .help {
    margin: 0;
    font-size: 0.95rem;
    color: var(--yishi-muted);
  }
  .help.invalid {
    color: var(--yishi-danger-text);
    font-weight: 600;
  }
  /* A long word breaks rather than push the label past a narrow screen (subdistrict/departments in elder mode at 320 px). */
  .check {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    min-height: var(--yishi-tap);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .check input {
    /* Its full size beside words that wrap to a second line. */
    flex: none;
    width: 1.4em;
    height: 1.4em;
    margin: 0;
    accent-color: var(--sl-color-primary-600);
  }
  /* A choice of one among a few (components/forms/choice-field.ts): each a bordered row, the chosen one marked. */
  fieldset.choices {
    display: grid;
    gap: 0.5rem;
    min-width: 0;
    margin: 0;
    padding: 0;
    border: none;
  }
  fieldset.choices legend {
    padding: 0;
    margin-bottom: 0.35rem;
    font-weight: 600;
  }
  .choices .choice {
    padding: 0.35rem 0.75rem;
    line-height: 1.4;
    border: var(--sl-input-border-width) solid var(--sl-input-border-color);
    border-radius: var(--yishi-radius);
    background: var(--sl-input-background-color);
  }
  .choices .choice:has(input:checked) {
    border-color: var(--sl-color-primary-600);
    box-shadow: inset 0 0 0 1px var(--sl-color-primary-600);
  }
  .choices .choice input {
    flex: none;
  }
  .dialog {
    width: min(32rem, calc(100vw - 1rem));
    max-height: calc(100dvh - 1rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--sl-spacing-large);
    color: var(--yishi-text);
    background: var(--sl-color-neutral-0);
    border: none;
    border-radius: var(--sl-border-radius-large);
    box-shadow: var(--sl-shadow-x-large);
  }
  .dialog::backdrop {
    background: var(--sl-overlay-background-color);
  }
  .dialog h2 {
    margin-top: 0;
  }
  /*
   * A dialog longer than a small phone's screen scrolls inside itself, its .actions row held at the
   * bottom edge over what scrolls under it (sticky, on the dialog's own background, across its
   * padding), so its buttons are in view from the start; a short dialog looks as before.
   */
  .dialog .actions {
    position: sticky;
    bottom: calc(-1 * var(--sl-spacing-large));
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-inline: calc(-1 * var(--sl-spacing-large));
    margin-bottom: calc(-1 * var(--sl-spacing-large));
    padding: 0.75rem var(--sl-spacing-large) var(--sl-spacing-large);
    background: var(--sl-color-neutral-0);
  }
`;
