/**
 * What every section of the public notice board shares (each renders in its own shadow root, so the
 * board page's styles cannot reach inside): links that are tap targets — the height of
 * `--yishi-tap`, which elder mode raises to 48 px and more — and the printed board for the physical
 * 公示栏: notices that do not break across A4 pages or columns, no buttons or links to tap on paper (`.no-print`),
 * black on white.
 */
import { css } from 'lit';

export const boardStyles = css`
  a {
    display: inline-flex;
    align-items: center;
    min-height: var(--yishi-tap);
  }
  .bar {
    position: relative;
    height: 0.75rem;
    margin: 0.25rem 0 0.5rem;
    border: 1px solid var(--yishi-border);
    border-radius: 999px;
    background: var(--yishi-background);
    overflow: visible;
  }
  .bar > span {
    display: block;
    height: 100%;
    border-radius: 999px;
    background: var(--yishi-brand);
  }
  /* The threshold the bar must reach (2/3, the seconding count …): a tick, named in the words beside it. */
  .bar > i {
    position: absolute;
    top: -0.3rem;
    bottom: -0.3rem;
    width: 3px;
    margin-left: -1px;
    background: var(--yishi-text);
  }
  @media print {
    :host {
      color: #000;
    }
    .card {
      padding: 0.4rem 0.6rem;
      margin-bottom: 0.4rem;
      border-color: #888;
    }
    /* One notice never splits across a page or a column, nor leaves its heading behind; a whole section may split. */
    article,
    li,
    .keep-together {
      break-inside: avoid;
    }
    h2 {
      break-after: avoid;
      margin: 0.6rem 0 0.3rem;
    }
    h3 {
      break-after: avoid;
    }
    /* A link alone in its line is something to tap (a feed, a form, "log in to vote"): nothing on paper. */
    .no-print,
    .actions,
    p:has(> a:only-child),
    a.link-button {
      display: none !important;
    }
    a {
      min-height: 0;
      color: inherit;
      text-decoration: none;
    }
    .bar {
      border-color: #000;
      print-color-adjust: exact;
    }
  }
`;
