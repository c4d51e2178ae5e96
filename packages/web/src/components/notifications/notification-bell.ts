/**
 * The bell in the app header: a link to my notifications with the unread count on it. It asks the
 * server when it appears, when the person changes, when a notice is read elsewhere on the page, and
 * once a minute while the page is visible. A tap target of the shell's size (48 px in elder mode).
 */
import { notificationEndpoints } from '@yishi/core';
import { css, html, nothing, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LOCATION_CHANGED } from '../../app/router.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { NOTIFICATIONS_CHANGED } from './notification-events.js';

const BELL = svg`<path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor"/>`;

@customElement('yishi-notification-bell')
export class NotificationBell extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        display: inline-flex;
      }
      a {
        position: relative;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: var(--yishi-tap);
        min-height: var(--yishi-tap);
        padding: 0 0.25rem;
        color: var(--yishi-text);
        border-radius: var(--yishi-radius);
      }
      a:hover {
        background: var(--yishi-background);
      }
      svg {
        width: 1.5rem;
        height: 1.5rem;
      }
      .count {
        position: absolute;
        top: 0.1rem;
        right: 0;
        min-width: 1.25rem;
        height: 1.25rem;
        padding: 0 0.3rem;
        border-radius: 999px;
        background: var(--yishi-danger-text);
        color: var(--yishi-surface);
        font-size: 0.75rem;
        font-weight: 700;
        line-height: 1.25rem;
        text-align: center;
      }
    `,
  ];

  @state() private unread = 0;
  private timer: number | null = null;
  private asked = 0;
  private readonly refresh = () => void this.load();
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    window.addEventListener(NOTIFICATIONS_CHANGED, this.refresh);
    window.addEventListener(LOCATION_CHANGED, this.refresh);
    document.addEventListener('visibilitychange', this.onVisible);
    this.timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void this.load();
    }, 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(NOTIFICATIONS_CHANGED, this.refresh);
    window.removeEventListener(LOCATION_CHANGED, this.refresh);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.timer !== null) window.clearInterval(this.timer);
  }

  private async load(): Promise<void> {
    // Only the last count asked for is shown: on a slow connection an earlier one (asked before the rest were marked
    // read) can come back after it.
    const asked = ++this.asked;
    try {
      const { unread } = await api.call(notificationEndpoints.unread, {});
      if (asked === this.asked) this.unread = unread;
    } catch {
      // Offline or logged out: keep the last count; the page itself says what is wrong.
    }
  }

  override render() {
    const label = this.unread > 0 ? t('notify.bellUnread', { count: this.unread }) : t('notify.bell');
    return html`<a href="/notifications" class="bell" aria-label=${label} title=${label}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${BELL}</svg>
      ${this.unread > 0 ? html`<span class="count" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-notification-bell': NotificationBell;
  }
}
