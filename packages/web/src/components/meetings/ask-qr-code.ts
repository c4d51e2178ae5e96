/**
 * A QR code for an evening talk's question page, for the notice board and the printed notice:
 * residents scan it with WeChat and land on the page where they raise a question ("码上反映").
 */
import QRCode from 'qrcode';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-ask-qr-code')
export class AskQrCode extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      figure {
        margin: 0.5rem 0;
      }
      img {
        width: 9rem;
        height: 9rem;
        image-rendering: pixelated;
      }
      figcaption {
        font-size: 0.95rem;
      }
    `,
  ];
  @property() meetingId = '';
  @state() private dataUrl = '';

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('meetingId') || !this.meetingId) return;
    const url = `${location.origin}/meetings/${encodeURIComponent(this.meetingId)}/ask`;
    QRCode.toDataURL(url, { margin: 1, width: 288, errorCorrectionLevel: 'M' }).then(
      (data) => (this.dataUrl = data),
      () => (this.dataUrl = ''),
    );
  }

  override render() {
    if (!this.dataUrl) return nothing;
    return html`<figure>
      <img src=${this.dataUrl} alt=${t('meetingsBoard.qrAlt')} />
      <figcaption>${t('meetingsBoard.qrCaption')}</figcaption>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ask-qr-code': AskQrCode;
  }
}
