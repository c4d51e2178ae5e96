/** On a receipt: its position in the vote's ballot log, in plain words (published with the log after closing). */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-receipt-position')
export class ReceiptPosition extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      p {
        margin: 0.25rem 0 0.75rem;
      }
    `,
  ];
  @property({ type: Number }) position: number | null = null;
  /** Whether to say that the log will be published (before closing). */
  @property({ type: Boolean }) hint = false;

  override render() {
    if (!this.position) return nothing;
    return html`<p>
      <strong>${t('openBallot.position', { n: this.position })}</strong
      >${this.hint ? html`<br /><span class="muted">${t('openBallot.positionHint', { n: this.position })}</span>` : nothing}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-receipt-position': ReceiptPosition;
  }
}
