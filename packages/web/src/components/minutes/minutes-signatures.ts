/**
 * Who signed the minutes in the app (an owners' committee meeting's attending members): each name
 * with when they confirmed the text, not yet, or that the draft changed after they signed.
 */
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

export interface MinutesSigner {
  name: string;
  signedAt: string | null;
  /** Signed an earlier text of the draft. */
  stale?: boolean;
}

@customElement('yishi-minutes-signatures')
export class MinutesSignatures extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.25rem 1rem;
        padding: 0.5rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .signed {
        color: var(--yishi-ok-text);
      }
      .stale {
        color: var(--yishi-danger-text);
      }
    `,
  ];

  @property({ attribute: false }) signers: readonly MinutesSigner[] = [];

  override render() {
    return html`<ul>
      ${this.signers.map(
        (s) =>
          html`<li>
            <strong>${s.name}</strong>
            ${
              s.signedAt
                ? html`<span class="signed">✓ ${t('committee.signedAt', { time: formatDateTime(s.signedAt) })}</span>`
                : s.stale
                  ? html`<span class="stale">${t('committee.stale')}</span>`
                  : html`<span class="muted">${t('committee.notSigned')}</span>`
            }
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-minutes-signatures': MinutesSignatures;
  }
}
