/**
 * Native buttons and alerts drawn like Shoelace's large `<sl-button>` and `<sl-alert>`, for pages
 * that must stay light (the voting page): a `<button class="button">` is a real button (keyboard,
 * screen readers, forms) and needs no Shoelace code. The sizes come from the same tokens (the
 * Shoelace theme is loaded globally), so elder mode (html.elder) scales them like the rest.
 *
 * `<button class="button primary" aria-busy="true" disabled>` shows a spinner beside the words
 * while a request is under way (sl-button's `loading`).
 */
import { css } from 'lit';

export const buttonStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: var(--sl-input-height-large);
    padding: 0 var(--sl-spacing-large);
    font: inherit;
    font-size: var(--sl-button-font-size-large);
    font-weight: var(--sl-font-weight-semibold);
    line-height: 1.2;
    color: var(--sl-color-neutral-700);
    background: var(--sl-color-neutral-0);
    border: var(--sl-input-border-width) solid var(--sl-color-neutral-300);
    border-radius: var(--sl-input-border-radius-large);
    cursor: pointer;
    user-select: none;
    transition:
      background-color var(--sl-transition-x-fast),
      border-color var(--sl-transition-x-fast),
      color var(--sl-transition-x-fast);
  }
  .button:hover:not(:disabled) {
    color: var(--sl-color-primary-700);
    background: var(--sl-color-primary-50);
    border-color: var(--sl-color-primary-300);
  }
  .button.primary {
    color: var(--sl-color-neutral-0);
    background: var(--sl-color-primary-600);
    border-color: var(--sl-color-primary-600);
  }
  /* Darker on hover, not lighter as Shoelace's: white words keep 4.5:1 (a phone keeps the hover after a tap). */
  .button.primary:hover:not(:disabled) {
    color: var(--sl-color-neutral-0);
    background: var(--sl-color-primary-700);
    border-color: var(--sl-color-primary-700);
  }
  /* An irreversible step (revoke): red words on white, red on hover. */
  .button.danger {
    color: var(--yishi-danger-text);
    border-color: var(--yishi-danger-text);
  }
  .button.danger:hover:not(:disabled) {
    color: var(--sl-color-neutral-0);
    background: var(--yishi-danger-text);
    border-color: var(--yishi-danger-text);
  }
  .button:focus-visible {
    outline: var(--sl-focus-ring-width) solid var(--sl-color-primary-600);
    outline-offset: var(--sl-focus-ring-offset);
  }
  .button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .button[aria-busy='true'] {
    opacity: 1;
    cursor: wait;
  }
  .button[aria-busy='true']::before {
    content: '';
    flex: none;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: button-spin 1s linear infinite;
  }
  @keyframes button-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .alert {
    display: block;
    margin: 0 0 1rem;
    padding: var(--sl-spacing-large);
    color: var(--sl-color-neutral-700);
    background: var(--sl-color-neutral-0);
    border: 1px solid var(--sl-color-neutral-200);
    border-top: 3px solid var(--sl-color-primary-600);
    border-radius: var(--sl-border-radius-medium);
  }
  .alert > :first-child {
    margin-top: 0;
  }
  .alert > :last-child {
    margin-bottom: 0;
  }
  .alert.warning {
    border-top-color: var(--sl-color-warning-600);
  }
  .alert.danger {
    border-top-color: var(--sl-color-danger-600);
  }
  .alert.success {
    border-top-color: var(--sl-color-success-600);
  }
`;

/** The steps around a ballot (start, change, back): full-width buttons in a `.nav` column (the voting page, the proxy's flats). */
export const navButtonStyles = css`
  .nav {
    display: grid;
    gap: 0.75rem;
    margin: 1.25rem 0 1rem;
  }
  .nav .button {
    width: 100%;
    font-size: 1.2rem;
    min-height: 3.25rem;
  }
`;
