/**
 * Shared styles for pages and feature components (they render in shadow roots, so global CSS does
 * not reach them): headings, cards, key figures, tables, link buttons and the load states.
 */
import { css } from 'lit';

export const pageStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host {
    display: block;
    color: var(--yishi-text);
    line-height: var(--yishi-line);
  }
  h1 {
    font-size: 1.5rem;
    line-height: 1.35;
    margin: 0 0 0.5rem;
  }
  h2 {
    font-size: 1.2rem;
    line-height: 1.4;
    margin: 1.75rem 0 0.75rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0 0 calc(var(--yishi-line) * 0.6em);
  }
  a {
    color: var(--yishi-brand);
    text-underline-offset: 0.2em;
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--yishi-brand);
    outline-offset: 2px;
  }
  .lead {
    color: var(--yishi-muted);
    margin-bottom: 1rem;
  }
  .muted {
    color: var(--yishi-muted);
  }
  .card {
    background: var(--yishi-surface);
    border: 1px solid var(--yishi-border);
    border-radius: var(--yishi-radius);
    padding: 1rem;
    margin-bottom: var(--yishi-gap);
  }
  .cards {
    display: grid;
    gap: var(--yishi-gap);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
  }
  .cards > .card {
    margin-bottom: 0;
  }
  .figures {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 7rem), 1fr));
    margin: 0;
    padding: 0;
  }
  .figure {
    background: var(--yishi-surface);
    border: 1px solid var(--yishi-border);
    border-radius: var(--yishi-radius);
    padding: 0.75rem 1rem;
  }
  .figure dt {
    color: var(--yishi-muted);
    font-size: 0.9375rem;
  }
  .figure dd {
    margin: 0;
    font-size: 1.35rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .link-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: var(--yishi-tap);
    padding: 0.25rem 1rem;
    border: 1px solid var(--yishi-brand);
    border-radius: var(--yishi-radius);
    color: var(--yishi-brand);
    background: var(--yishi-surface);
    text-decoration: none;
    font-weight: 600;
  }
  .link-button.primary {
    background: var(--yishi-brand);
    color: #fff;
  }
  /* A sentence to heed before a step (a start that is early, what saving does that cannot be undone). */
  p.warning {
    font-weight: 600;
    color: var(--yishi-warning-text);
  }
  /*
   * A link that is a step of its own though it ends a sentence ("… 通知设置", "已经激活过？直接登录"): a tap
   * target as tall as a button (--yishi-tap, 60 px in elder mode; as plain text it was 29 px). Only links given
   * the class: a link inside running text keeps the height of its line.
   */
  a.tap-link {
    display: inline-flex;
    align-items: center;
    min-height: var(--yishi-tap);
  }
  .table-wrap {
    overflow-x: auto;
    background: var(--yishi-surface);
    border: 1px solid var(--yishi-border);
    border-radius: var(--yishi-radius);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }
  caption {
    text-align: left;
    padding: 0.5rem 0.75rem;
    font-weight: 600;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem 0.75rem;
    border-top: 1px solid var(--yishi-border);
    vertical-align: top;
  }
  th {
    background: #f9fafb;
    white-space: nowrap;
  }
  /* A row's name may wrap (an option with its 当选 tag), as its other cells do. */
  th[scope='row'] {
    white-space: normal;
  }
  /* On a phone a table scrolls sideways (.table-wrap) rather than squeeze a column of Chinese text to a character a line. */
  td {
    min-width: 4em;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  /* A figure's heading may wrap before its unit, 面积 over （平方米）, never inside a word. */
  th.num[scope='col'] {
    white-space: normal;
    word-break: keep-all;
  }
  /* Figures never wrap, so they need no floor; on a phone the cells keep less padding, so a table of four figures fits the screen. */
  td.num {
    min-width: 0;
  }
  /*
   * Between columns, 8 px in elder mode too: its larger figures need the room, the space between them does not
   * (at 10 px a vote's result, four columns with a 当选 tag, was 4 px wider than a 360-px phone in elder mode).
   */
  @media (max-width: 30rem) {
    th,
    td {
      padding: 0.5rem min(0.5rem, 8px);
    }
  }
  .state {
    margin: 1rem 0;
  }
  .state-loading {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    color: var(--yishi-muted);
    padding: 1.5rem 0;
  }
  .state-loading .spinner {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    border: 3px solid var(--yishi-border);
    border-top-color: var(--yishi-brand);
    border-radius: 50%;
    animation: yishi-spin 1s linear infinite;
  }
  @keyframes yishi-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .state-loading .spinner {
      animation-duration: 3s;
    }
  }
  .state-error {
    padding: 1rem;
    background: var(--yishi-surface);
    border: 1px solid var(--yishi-border);
    border-top: 3px solid var(--yishi-danger-text);
    border-radius: var(--yishi-radius);
  }
  .state-error p {
    margin: 0.25rem 0 0.75rem;
  }
  button.link-button {
    font: inherit;
    cursor: pointer;
    gap: 0.5rem;
  }
  /* At work (the next page of a list on its way): a spinner beside the words. */
  button.link-button[aria-busy='true'] {
    cursor: wait;
  }
  button.link-button[aria-busy='true']::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: link-button-spin 1s linear infinite;
  }
  @keyframes link-button-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .state-empty {
    color: var(--yishi-muted);
    padding: 1rem;
    background: var(--yishi-surface);
    border: 1px dashed var(--yishi-border);
    border-radius: var(--yishi-radius);
  }
  sl-button {
    min-height: var(--yishi-tap);
  }
  sl-button::part(base) {
    min-height: var(--yishi-tap);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
