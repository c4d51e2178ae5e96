/**
 * The shell's strip for the connection and for updates (issue 19), loaded once the page has loaded (the shell imports
 * it after `load`, so no page's first download carries it), for people logged in and the hall screen, who use the app
 * offline (a passer-by has no service worker: pages would not open offline, as the strip would say):
 *
 * - offline (offline/online-controller.ts: what the browser says, or a session the server could not confirm), it says
 *   so plainly, and what still works; back online, it says so for a few seconds;
 * - while writes recorded offline wait in the outbox, it says how many, on every page; and it has them sent as soon as
 *   the app runs online, wherever it was opened (offline/outbox-watch.ts loads the outbox's code only then);
 * - it registers the service worker (built by vite-plugin-pwa, `registerType: 'prompt'`). A new version installs in
 *   the background and waits; the strip offers "有新版本，刷新后使用" with a button. Nothing reloads until the visitor
 *   taps it, so nobody loses what they were typing. Drawn without Shoelace (the shell's own buttons).
 *
 * The registration itself is the browser's own call; workbox-window (2.3 KiB gzipped, a seventh of the voting page's
 * budget) is fetched only once a new version waits for a page the old one controls, and then handles the offer: it
 * finds the waiting worker, asks it to take over and reloads when it has.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Workbox } from 'workbox-window';
import { YishiElement } from '../components/base/yishi-element.js';
import { t } from '../i18n.js';
import { isOnline } from '../offline/online-controller.js';
import { watchOutbox } from '../offline/outbox-watch.js';
import { onSessionChange } from '../state/session.js';

const BACK_ONLINE_MS = 4000;
const SW_URL = '/sw.js';

@customElement('yishi-connection-bar')
export class YishiConnectionBar extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        display: block;
      }
      .strip {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        font-weight: 600;
      }
      .offline {
        background: var(--sl-color-warning-100, #fef3c7);
        color: var(--sl-color-warning-950, #451a03);
        border-bottom: 1px solid var(--sl-color-warning-300, #fcd34d);
      }
      .online {
        background: var(--sl-color-success-100, #dcfce7);
        color: var(--sl-color-success-900, #14532d);
      }
      .waiting {
        background: var(--sl-color-neutral-100, #f1f5f9);
        color: var(--yishi-text);
        border-bottom: 1px solid var(--sl-color-neutral-300, #cbd5e1);
      }
      .update {
        background: var(--sl-color-primary-50, #eff6ff);
        color: var(--yishi-text);
        border-bottom: 1px solid var(--sl-color-primary-200, #bfdbfe);
      }
      .update span {
        margin-right: auto;
      }
      button {
        min-height: var(--yishi-tap);
        padding: 0 1rem;
        border-radius: var(--sl-border-radius-medium, 0.25rem);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      .reload {
        border: 1px solid var(--yishi-brand);
        background: var(--yishi-brand);
        color: #fff;
      }
      .later {
        border: 1px solid var(--sl-color-neutral-300, #cbd5e1);
        background: var(--yishi-surface);
        color: var(--yishi-text);
      }
    `,
  ];

  @state() private offline = false;
  @state() private backOnline = false;
  @state() private updateWaiting = false;
  /** Writes recorded offline still waiting to be sent (offline/outbox-watch.ts). */
  @state() private outboxWaiting = 0;
  private registered = false;
  private workbox: Workbox | null = null;
  private backTimer: ReturnType<typeof setTimeout> | undefined;
  private cleanups: Array<() => void> = [];
  private readonly refresh = () => {
    const offline = !isOnline();
    if (this.offline && !offline) {
      this.backOnline = true;
      clearTimeout(this.backTimer);
      this.backTimer = setTimeout(() => (this.backOnline = false), BACK_ONLINE_MS);
    }
    if (offline) this.backOnline = false;
    this.offline = offline;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.refresh);
    window.addEventListener('offline', this.refresh);
    this.cleanups.push(() => window.removeEventListener('online', this.refresh));
    this.cleanups.push(() => window.removeEventListener('offline', this.refresh));
    this.cleanups.push(onSessionChange(this.refresh));
    this.cleanups.push(watchOutbox((count) => (this.outboxWaiting = count)));
    this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    clearTimeout(this.backTimer);
  }

  /** Registers the service worker (once per page) and watches for a new version waiting. */
  async register(): Promise<void> {
    if (this.registered || !('serviceWorker' in navigator)) return;
    this.registered = true;
    const registration = await navigator.serviceWorker.register(SW_URL, { scope: '/' }).catch(() => null);
    if (!registration) return;
    // A new version that has installed and waits while this page runs the old one. Not the first install, which has
    // no page to take over from (nothing controls this page yet) and goes on to work at once.
    const offerIfWaiting = () => {
      if (registration.waiting && navigator.serviceWorker.controller) void this.offerUpdate();
    };
    const watch = (worker: ServiceWorker | null) => worker?.addEventListener('statechange', () => worker.state === 'installed' && offerIfWaiting());
    registration.addEventListener('updatefound', () => watch(registration.installing));
    watch(registration.installing);
    offerIfWaiting();
  }

  /** Fetches workbox-window, which finds the waiting version ('waiting', as it was there before it registered). */
  private async offerUpdate(): Promise<void> {
    if (this.workbox) return;
    const { Workbox } = await import('workbox-window');
    if (this.workbox) return;
    const workbox = new Workbox(SW_URL, { scope: '/' });
    this.workbox = workbox;
    workbox.addEventListener('waiting', () => (this.updateWaiting = true));
    await workbox.register().catch(() => undefined);
  }

  private reload(): void {
    const workbox = this.workbox;
    if (!workbox) return;
    // Reloads once the new version controls this page: only because the visitor asked, here.
    workbox.addEventListener('controlling', () => location.reload());
    workbox.messageSkipWaiting();
  }

  override render() {
    return html`
      ${
        this.updateWaiting
          ? html`<div class="strip update" role="status">
              <span>${t('update.ready')}</span>
              <button type="button" class="reload" @click=${this.reload}>${t('update.reload')}</button>
              <button type="button" class="later" @click=${() => (this.updateWaiting = false)}>${t('update.later')}</button>
            </div>`
          : nothing
      }
      ${
        this.offline
          ? html`<div class="strip offline" role="status">${t('offline.banner')}</div>`
          : this.backOnline
            ? html`<div class="strip online" role="status">${t('offline.back')}</div>`
            : nothing
      }
      ${this.outboxWaiting > 0 ? html`<div class="strip waiting" role="status">${t('offline.outboxWaiting', { count: this.outboxWaiting })}</div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-connection-bar': YishiConnectionBar;
  }
}
