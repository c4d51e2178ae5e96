/**
 * The buttons a ballot is cast with, one look wherever a ballot is cast: the owner's voting flow
 * (pages/votes/vote-flow.ts) and the proxy panel's flats (proxy-actions.ts). A choice is a big
 * full-width button (同意 / 反对 / 弃权); the steps around it (start, change, back) are full-width
 * buttons in a `.nav` column (styles/button-styles.ts, navButtonStyles: the voting page draws them before
 * any ballot is cast). All in rem, so elder mode (html.elder) grows them with the page.
 */
import { css } from 'lit';

export const bigChoiceStyles = css`
  .big-choices {
    display: grid;
    gap: 0.75rem;
    margin: 1rem 0;
  }
  .big-choice {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 3.5rem;
    padding: 0.75rem 1rem;
    font: inherit;
    font-size: 1.35rem;
    font-weight: 600;
    text-align: left;
    color: var(--yishi-text);
    background: var(--yishi-surface);
    border: 2px solid var(--yishi-border);
    border-radius: var(--yishi-radius);
    cursor: pointer;
  }
  .big-choice[aria-pressed='true'],
  .big-choice[aria-checked='true'] {
    border-color: var(--yishi-brand);
    background: var(--sl-color-primary-50);
  }
`;
