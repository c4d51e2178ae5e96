/**
 * The look the account pages share (setup, activation, login, my account) beyond the native field
 * styles (styles/native-field-styles.ts, which they also use): one narrow column, one control under another,
 * large full-width buttons, and the step bar of the activation (the tabs are
 * components/common/tabs.ts). Everything is in rem, so elder mode enlarges it with the rest of the page.
 */
import { css } from 'lit';

export const accountFormStyles = css`
  .panel {
    max-width: 32rem;
    margin: 0 auto;
  }
  .fields {
    display: grid;
    gap: 1rem;
  }
  .fields > p {
    margin: 0;
  }
  .fields > sl-button,
  .fields > .button,
  .nav .button,
  .nav sl-button {
    width: 100%;
  }
  .nav {
    display: grid;
    grid-template-columns: minmax(min-content, 1fr) 2fr;
    gap: 0.75rem;
  }
  /* "上一步" on one line, in elder mode too: its column grows instead. */
  .nav .button {
    white-space: nowrap;
  }
  .progress {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 0.375rem;
    margin: 0.5rem 0 0.25rem;
  }
  .progress span {
    height: 0.375rem;
    border-radius: 0.25rem;
    background: var(--yishi-border);
  }
  .progress span.done {
    background: var(--yishi-brand);
  }
  .step-title {
    margin-top: 0.5rem;
  }
  .step-title:focus {
    outline: none;
  }
  .step-title:focus-visible {
    outline: 3px solid var(--yishi-brand);
    outline-offset: 2px;
  }
  sl-alert p:first-child,
  .alert p:first-child {
    margin-top: 0;
  }
  /* In a form the grid's gap spaces it (buttonStyles gives an alert a bottom margin). */
  form .alert {
    margin: 0;
  }
  .alert p:last-child {
    margin-bottom: 0;
  }
  .aside {
    margin-top: 1.5rem;
  }
  code,
  pre {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.875rem;
  }
  pre {
    background: var(--yishi-background);
    border: 1px solid var(--yishi-border);
    border-radius: var(--yishi-radius);
    padding: 0.75rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
