/**
 * Handing a one-time code or invitation link to a person standing next to you: the words to say,
 * the code in large type (to read out), its QR code (to scan with WeChat), the link with a copy
 * button (to paste into a chat), and when it stops working. Used for staff invitations and for the
 * codes a building head issues to an elderly owner; the helper never sees the person's password.
 */
import { formatAccessCode } from '@yishi/core';
import QRCode from 'qrcode';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { notify } from '../../app/notify.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { YishiElement } from '../base/yishi-element.js';

/** 'K7QM4XPTHR' read out letter by letter ("K 7 Q M 4, X P T H R"), for screen readers. */
function spelled(code: string): string {
  return formatAccessCode(code)
    .split('-')
    .map((group) => [...group].join(' '))
    .join(', ');
}

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http, an old WebView): select the text and use the old command.
    if (!fallback) return false;
    fallback.focus();
    fallback.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

@customElement('yishi-code-handover')
export class CodeHandover extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      .handover {
        display: grid;
        gap: 0.75rem 1.25rem;
        grid-template-columns: 1fr;
        align-items: start;
      }
      @media (min-width: 40rem) {
        .handover {
          grid-template-columns: 1fr auto;
        }
        figure {
          grid-column: 2;
          grid-row: 1 / span 4;
        }
      }
      .say {
        font-size: 1.125rem;
        font-weight: 600;
        margin: 0;
        padding: 0.5rem 0.75rem;
        border-left: 4px solid var(--yishi-brand);
        background: var(--sl-color-primary-50);
        overflow-wrap: anywhere;
      }
      .code {
        margin: 0;
        font-family: 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', ui-monospace, monospace;
        /* Eleven characters on one line of a 360-pixel phone, also in elder mode. */
        font-size: min(2.25rem, 8.5vw);
        font-weight: 700;
        letter-spacing: 0.1em;
        white-space: nowrap;
        line-height: 1.3;
      }
      figure {
        margin: 0;
        text-align: center;
        justify-self: center;
      }
      img {
        display: block;
        width: 12rem;
        height: 12rem;
        max-width: 100%;
        image-rendering: pixelated;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
      }
      figcaption {
        color: var(--yishi-muted);
        font-size: 0.9375rem;
      }
      .link {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .link input {
        flex: 1 1 14rem;
        min-width: 0;
        min-height: var(--yishi-tap);
        padding: 0 0.75rem;
        font: inherit;
        font-size: 0.9375rem;
        color: var(--yishi-text);
        background: var(--yishi-background);
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
      }
      .expiry {
        margin: 0;
      }
    `,
  ];

  /** The link the QR code opens (…/activate?code=…). */
  @property() link = '';
  /** A code to show in large type; empty for an invitation, which travels as its link. */
  @property() code = '';
  @property() expiresAt = '';
  /** The sentence to say to the person. */
  @property() say = '';
  /** Show the link with a copy button (for invitations sent through a chat). */
  @property({ type: Boolean }) copyable = false;
  @property() qrLabel = '';
  @state() private dataUrl = '';
  @state() private copied = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('link')) this.copied = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('link')) return;
    if (!this.link) {
      this.dataUrl = '';
      return;
    }
    const link = this.link;
    QRCode.toDataURL(link, { margin: 2, width: 320, errorCorrectionLevel: 'M' }).then(
      (data) => {
        if (link === this.link) this.dataUrl = data;
      },
      () => (this.dataUrl = ''),
    );
  }

  private async copy(): Promise<void> {
    const ok = await copyText(this.link, this.renderRoot.querySelector('input'));
    this.copied = ok;
    notify(ok ? t('admin.handover.copied') : t('admin.handover.copyFailed'), ok ? 'success' : 'warning');
  }

  override render() {
    // The code first (it is read out), then what to say, then the QR code to scan: on a small phone
    // the dialog scrolls, and what matters most must be on its first screen.
    return html`<div class="handover">
      ${
        this.code
          ? // Focusable: the first stop in a dialog, and a screen reader reads it letter by letter.
            html`<p class="code" tabindex="0" role="text" aria-label=${spelled(this.code)}>${formatAccessCode(this.code)}</p>`
          : nothing
      }
      ${this.say ? html`<p class="say">${this.say}</p>` : nothing}
      ${
        this.dataUrl
          ? html`<figure>
              <img src=${this.dataUrl} alt=${this.qrLabel || t('admin.handover.qrAlt')} />
              <figcaption>${t('admin.handover.qrCaption')}</figcaption>
            </figure>`
          : nothing
      }
      ${
        this.copyable
          ? html`<div class="link">
              <input
                type="text"
                readonly
                .value=${this.link}
                aria-label=${t('admin.handover.linkLabel')}
                @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
              />
              <button type="button" class="button primary copy" @click=${this.copy}>
                ${this.copied ? t('admin.handover.copiedShort') : t('admin.handover.copy')}
              </button>
            </div>`
          : nothing
      }
      ${this.expiresAt ? html`<p class="expiry">${t('admin.handover.expires', { at: formatDateTime(this.expiresAt) })}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-code-handover': CodeHandover;
  }
}
