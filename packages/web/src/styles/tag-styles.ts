/**
 * Status tags that carry a word (never the colour alone), and a compound's code in monospace: shared
 * by the administration pages and the board.
 */
import { css } from 'lit';

export const tagStyles = css`
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0 0.55em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.875rem;
    font-weight: 600;
    line-height: 1.6;
    white-space: nowrap;
  }
  .tag.ok {
    color: var(--yishi-ok-text);
  }
  .tag.waiting {
    color: var(--yishi-warning-text);
  }
  .tag.neutral {
    color: var(--yishi-muted);
  }
  .code-tag {
    font-family: 'DejaVu Sans Mono', ui-monospace, monospace;
    font-weight: 700;
    letter-spacing: 0.05em;
    padding: 0 0.4em;
    border: 1px solid var(--yishi-border);
    border-radius: 4px;
    background: var(--yishi-background);
  }
`;
