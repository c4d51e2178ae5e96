/**
 * A QR code for an evening talk's question page, for the notice board, the printed notice and the
 * hall screen: residents scan it with WeChat and land on the page where they raise a question
 * ("码上反映"). Its description and caption default to asking in advance; the hall screen says
 * "ask from your phone" instead, and sizes it with `--yishi-qr-size`.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { publicUrl } from '../../api/public-url.js';
import { t, type MessageKey } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-ask-qr-code')
export class AskQrCode extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      figure {
        margin: 0.5rem 0;
      }
      img,
      .qr-space {
        display: block;
        width: var(--yishi-qr-size, 9rem);
        height: var(--yishi-qr-size, 9rem);
        image-rendering: pixelated;
      }
      figcaption {
        font-size: 0.95rem;
      }
    `,
  ];
  @property() meetingId = '';
  /** The words of the image's description and of its caption (message keys, so they follow a language switch). */
  @property({ attribute: false }) alt: MessageKey = 'meetingsBoard.qrAlt';
  @property({ attribute: false }) caption: MessageKey = 'meetingsBoard.qrCaption';
  @state() private dataUrl = '';
  @state() private failed = false;

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('meetingId') || !this.meetingId) return;
    const meetingId = this.meetingId;
    // The public address, not the one this page was opened at (a hall PC on the LAN, say).
    // The QR library comes with the first QR shown, not with the board.
    Promise.all([publicUrl(), import('qrcode')])
      .then(([base, { default: QRCode }]) =>
        QRCode.toDataURL(`${base}/meetings/${encodeURIComponent(meetingId)}/ask`, { margin: 1, width: 288, errorCorrectionLevel: 'M' }),
      )
      .then(
        (data) => (this.dataUrl = data),
        () => ((this.dataUrl = ''), (this.failed = true)),
      );
  }

  override render() {
    if (this.failed || !this.meetingId) return nothing;
    // The code's room is kept while it is drawn, so the words below it do not jump.
    return html`<figure>
      ${this.dataUrl ? html`<img src=${this.dataUrl} alt=${t(this.alt)} />` : html`<div class="qr-space" aria-hidden="true"></div>`}
      <figcaption>${t(this.caption)}</figcaption>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ask-qr-code': AskQrCode;
  }
}
