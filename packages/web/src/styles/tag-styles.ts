/**
 * Status tags that say their state in a word, outlined in its colour (never the colour alone):
 * `<span class="tag ok">已激活</span>`, `tag waiting`, `tag neutral`.
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
`;
