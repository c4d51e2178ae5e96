/**
 * Styles the vote and proposal pages share: a verdict in the ok or danger colour (always with words
 * and a glyph beside it), and a live turnout meter.
 */
import { css } from 'lit';

export const voteStyles = css`
  .passed {
    color: var(--yishi-ok-text);
  }
  .failed {
    color: var(--yishi-danger-text);
  }
  meter {
    width: 100%;
    height: 1.5rem;
  }
`;
