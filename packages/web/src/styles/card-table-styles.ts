/**
 * Tables drawn as cards on a phone (class "table-wrap as-cards"), for the lists of many columns of words (the
 * action items, the ledger). Apart from the shared page styles: only those two pages draw them, and the shell
 * (which every page loads) need not carry them.
 */
import { css } from 'lit';

export const cardTableStyles = css`
  /*
   * A list of many columns of words (action items, the ledger) is a card a row on a phone: a lead cell (the item)
   * across the card, each other one beside its column's name (data-label), none squeezed to a character a line or
   * off the screen. The table's roles are written out in the markup, as a table drawn as blocks loses
   * them in some screen readers.
   */
  @media (max-width: 40rem) {
    .table-wrap.as-cards {
      overflow: visible;
      margin-top: 0.75rem;
      border: none;
      background: none;
    }
    .table-wrap.as-cards thead {
      display: block;
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .table-wrap.as-cards :is(table, tbody, tr, td) {
      display: block;
    }
    .table-wrap.as-cards tr {
      margin-bottom: 0.75rem;
      padding: 0.5rem 0.75rem;
      background: var(--yishi-surface);
      border: 1px solid var(--yishi-border);
      border-radius: var(--yishi-radius);
    }
    .table-wrap.as-cards td {
      display: flex;
      gap: 0.75rem;
      min-width: 0;
      padding: 0.3rem 0;
      border: none;
      text-align: left;
    }
    .table-wrap.as-cards td.lead {
      font-size: 1.0625rem;
      font-weight: 600;
    }
    .table-wrap.as-cards td.num {
      text-align: left;
    }
    .table-wrap.as-cards td[data-label]::before {
      content: attr(data-label);
      flex: none;
      width: 5.5em;
      color: var(--yishi-muted);
    }
    .table-wrap.as-cards td:empty {
      display: none;
    }
    /* What sits beside a name may wrap, a long badge ("Resolved, awaiting sign-off") included, on a narrow screen. */
    .table-wrap.as-cards td > * {
      min-width: 0;
    }
    .table-wrap.as-cards td .badge {
      white-space: normal;
    }
  }
`;
