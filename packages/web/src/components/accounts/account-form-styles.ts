/**
 * The look the account pages share (setup, activation, login, my account) beyond the shared form
 * styles (styles/form-styles.ts, which they also use): one narrow column, one control under another,
 * large full-width buttons, big tabs, and the step bar of the activation. Everything is in rem, so
 * elder mode enlarges it with the rest of the page.
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
  .nav sl-button {
    width: 100%;
  }
  .nav {
    display: grid;
    grid-template-columns: 1fr 2fr;
    gap: 0.75rem;
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
  sl-tab-group {
    margin-bottom: 0.5rem;
  }
  /* A calm page: the tab underline moves without sliding. */
  sl-tab-group::part(active-tab-indicator) {
    border-bottom-width: 3px;
    transition: none;
  }
  sl-tab {
    flex: 1 1 0;
  }
  sl-tab::part(base) {
    justify-content: center;
    width: 100%;
    font-size: 1rem;
    font-weight: 600;
    padding: 0.75rem 0.5rem;
    min-height: var(--yishi-tap);
    color: var(--yishi-muted);
  }
  sl-tab[active]::part(base) {
    color: var(--yishi-brand);
  }
  sl-tab-panel::part(base) {
    padding: 1rem 0 0;
  }
  sl-alert p:first-child {
    margin-top: 0;
  }
  sl-checkbox::part(label),
  sl-radio::part(label) {
    font-size: 1rem;
    line-height: 1.5;
  }
  sl-radio {
    margin: 0.25rem 0;
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
