/** The look of the live agenda editor (agenda-editor.ts): who is here, the items with their controls, the undo bar. */
import { css } from 'lit';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

export const agendaEditorStyles = [
  buttonStyles,
  nativeFieldStyles,
  css`
    .presence {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      list-style: none;
      padding: 0;
      margin: 0.5rem 0 1rem;
    }
    .presence li {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      border: 2px solid var(--peer);
      border-radius: 999px;
      padding: 0.15rem 0.65rem;
    }
    .dot {
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 50%;
      background: var(--peer);
    }
    ol.items {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--yishi-gap);
    }
    .item {
      border-left: 6px solid var(--yishi-border);
    }
    .item.peer-here {
      border-left-color: var(--peer);
    }
    .row {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
      margin: 0.75rem 0;
    }
    .field-label {
      display: block;
      font-weight: 600;
      margin: 0.75rem 0 0.25rem;
    }
    .links {
      margin-top: 0.75rem;
    }
    .item-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .who {
      font-size: 0.9rem;
      color: var(--yishi-muted);
    }
    /* The undo bar's live region, always there: it, not the bar, holds to the window's bottom edge. */
    .undo-live {
      position: sticky;
      bottom: 0.5rem;
      z-index: 1;
    }
    .undo-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      margin: var(--yishi-gap) 0;
      padding: 0.75rem 1rem;
      background: var(--yishi-text);
      color: var(--yishi-surface);
      border-radius: var(--yishi-radius);
      box-shadow: 0 2px 8px rgb(0 0 0 / 25%);
    }
    .undo-bar span {
      flex: 1 1 12rem;
      overflow-wrap: anywhere;
    }
    /* An item's move and remove buttons: a tap target tall, narrower than a form's button. */
    .button.compact {
      min-height: var(--yishi-tap);
      padding: 0 0.9rem;
      font-size: 1rem;
    }
    .button.remove {
      color: var(--sl-color-danger-700);
      border-color: var(--sl-color-danger-600);
    }
    .undo-bar .button {
      min-height: var(--yishi-tap);
    }
  `,
];
