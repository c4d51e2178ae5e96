/**
 * A QR code for an evening talk's question page, for the notice board and the printed notice:
 * residents scan it with WeChat and land on the page where they raise a question ("码上反映").
 */
import QRCode from 'qrcode';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../../i18n.js';

@customElement('yishi-ask-qr-code')
export class AskQrCode extends LitElement {
  static override styles = css`
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
  `;
  @property() meetingId = '';
  @state() private dataUrl = '';

  override updated(changed: Map<string, unknown>): void {
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
