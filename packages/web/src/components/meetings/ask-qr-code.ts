/**
 * A QR code for an evening talk's question page, for the notice board, the printed notice and the
 * hall screen: residents scan it with WeChat and land on the page where they raise a question
 * ("码上反映"). Its description and caption default to asking in advance; the hall screen says
 * "ask from your phone" instead, and sizes it with `--yishi-qr-size`.
 *
 * With `foldOnPhone` (the notice board) a phone shows a button instead of the code: a visitor cannot
 * scan the screen they are reading, and the link beside it does the same in one tap. The button
 * unfolds the code for a neighbour to scan; a wider screen (a PC, a projected board) shows it at once.
 */
import { endpointUrl, publicMeetingEndpoints } from '@yishi/core';
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
      img {
        display: block;
        width: var(--yishi-qr-size, 9rem);
        height: var(--yishi-qr-size, 9rem);
        image-rendering: pixelated;
      }
      figcaption {
        font-size: 0.95rem;
      }
      .unfold {
        display: none;
        margin: 0.5rem 0;
      }
      /* A phone (the app's phone layout's line): the button, and the code once it is pressed. */
      @media screen and (max-width: 40rem) {
        :host([fold-on-phone]) .unfold {
          display: inline-flex;
        }
        :host([fold-on-phone]) figure:not(.unfolded) {
          display: none;
        }
      }
    `,
  ];
  @property() meetingId = '';
  /** The words of the image's description and of its caption (message keys, so they follow a language switch). */
  @property({ attribute: false }) alt: MessageKey = 'meetingsBoard.qrAlt';
  @property({ attribute: false }) caption: MessageKey = 'meetingsBoard.qrCaption';
  /** On a phone, a button that shows the code instead of the code itself (see above). */
  @property({ type: Boolean, attribute: 'fold-on-phone', reflect: true }) foldOnPhone = false;
  @state() private unfolded = false;
  /** Drawn on the device: only when the server's image could not be loaded (a hall screen that lost its signal, say). */
  @state() private dataUrl = '';
  @state() private failed = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) {
      this.dataUrl = '';
      this.failed = false;
    }
  }

  /**
   * The server's image did not load: the code is drawn here instead, with the public address, not
   * the one this page was opened at (a hall PC on the LAN, say). The QR library comes only then.
   */
  private drawHere(): void {
    const meetingId = this.meetingId;
    Promise.all([publicUrl(), import('qrcode')])
      .then(([base, { default: QRCode }]) =>
        QRCode.toDataURL(`${base}/meetings/${encodeURIComponent(meetingId)}/ask`, { margin: 1, width: 288, errorCorrectionLevel: 'M' }),
      )
      .then(
        (data) => meetingId === this.meetingId && (this.dataUrl = data),
        () => meetingId === this.meetingId && (this.failed = true),
      );
  }

  override render() {
    if (this.failed || !this.meetingId) return nothing;
    // The server draws the code (an SVG the browser decodes off the main thread); its room is fixed, so nothing below it moves.
    const src = this.dataUrl || endpointUrl(publicMeetingEndpoints.askQr, { params: { meetingId: this.meetingId } });
    // Folded, the image is lazy: a phone downloads it only once the button shows it (hidden, it is not fetched).
    return html`${
        this.foldOnPhone
          ? html`<button type="button" class="link-button unfold" aria-expanded=${String(this.unfolded)} @click=${() => (this.unfolded = !this.unfolded)}>
              ${t(this.unfolded ? 'meetingsBoard.hideQr' : 'meetingsBoard.showQr')}
            </button>`
          : nothing
      }
      <figure class=${this.unfolded ? 'unfolded' : ''}>
        <img
          src=${src}
          alt=${t(this.alt)}
          loading=${this.foldOnPhone ? 'lazy' : 'eager'}
          @error=${() => (this.dataUrl ? (this.failed = true) : this.drawHere())}
        />
        <figcaption>${t(this.caption)}</figcaption>
      </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ask-qr-code': AskQrCode;
  }
}
