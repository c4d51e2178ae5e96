/**
 * The app shell: header (home link, elder-mode switch, language switch, account), the routed page
 * in <main>, and the route guard (pages that are not public send anonymous visitors to
 * /login?next=…). Pages come from the registry in routes.ts and are loaded on first visit.
 * Above them, the connection and update strip (app/connection-bar.ts), loaded once the page has loaded,
 * for people logged in and the hall screen.
 */
import { authEndpoints } from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { askFirstAnswers } from '../api/answers-in-page.js';
import { api } from '../api/client.js';
import { YishiElement } from '../components/base/yishi-element.js';
import { renderError, renderLoading } from '../components/common/load-state.js';
import { WriteController } from '../controllers/write-controller.js';
import { switchLocale, t } from '../i18n.js';
import { routes } from '../routes.js';
import { currentLocale, isElderMode, setElderMode } from '../state/preferences.js';
import { currentMe, loadMe, logOut, onSessionChange } from '../state/session.js';
import type { YishiConnectionBar } from './connection-bar.js';
import { switchStyles } from '../styles/switch-styles.js';
import { shellStyles } from './shell-styles.js';
import { NOTICES_SLOT } from './notify.js';
import { whenLoadsSettled } from '../controllers/loads-in-flight.js';
import { fetchRouteFiles, preloadRoute } from './route-files.js';
import { LOCATION_CHANGED, interceptLinks, matchRoute, navigate, titleKey, type RouteDef, type RouteParams } from './router.js';

const NOT_FOUND: RouteDef = {
  path: '*',
  tag: 'yishi-not-found-page',
  load: () => import('../pages/not-found/not-found-page.js'),
  public: true,
};

type PageElement = HTMLElement & { params?: RouteParams };

/** Where notices (app/notify.ts) go: after the page, so that Tab reaches one after the page's own controls; drawn at the window's bottom. */
const NOTICES = html`<div class="notices"><slot name=${NOTICES_SLOT}></slot></div>`;

/** The notification bell's module, asked for once someone is logged in (then kept). */
let bell: Promise<unknown> | null = null;
const loadBell = () => (bell ??= import('../components/notifications/notification-bell.js').catch(() => (bell = null)));

@customElement('yishi-app')
export class YishiApp extends YishiElement {
  static override styles = [YishiElement.styles, shellStyles, switchStyles];

  @state() private page: PageElement | null = null;
  @state() private route: RouteDef | null = null;
  @state() private loadFailed = false;
  @state() private busy = true;

  /** Logging out. */
  private readonly write = new WriteController(this);
  private cleanups: Array<() => void> = [];
  private navigationCount = 0;
  private readonly onLocation = () => void this.resolveRoute();
  /** The address (path and query) of the page shown. */
  private shownAt = '';
  /** Back or Forward within one address is the page's own (the voting flow's screens: pages/votes/vote-flow-history.ts). */
  private readonly onPopState = () => {
    if (location.pathname + location.search !== this.shownAt) void this.resolveRoute();
  };
  /** Called once the first page is drawn (or failed to load). */
  private onFirstPage: () => void = () => undefined;
  /** Resolves once the first page is drawn and its own answers are in (or 5 s on): the shell's own downloads wait for it. */
  private readonly firstPageSettled = new Promise<void>((resolve) => (this.onFirstPage = resolve)).then(() => whenLoadsSettled(5000));
  /** One strip for the page's lifetime (it holds the service worker's registration), shown above the header or a bare page. */
  private readonly connectionBar = document.createElement('yishi-connection-bar') as YishiConnectionBar;
  private readonly loadConnectionBar = () => {
    // Only for those who use the app offline: people logged in, and the hall screen. They get the service worker,
    // and what the strip says offline (pages seen still open) is true for them. A passer-by reading the notice
    // board on one bar of signal is not made to download the app behind it, nor told that pages will open offline.
    const wanted = () => currentMe() !== null || location.pathname.startsWith('/hall/');
    const load = () => {
      // Someone logged in goes from page to page: each page's files, for the moves to come (app/route-files.ts);
      // not beside the page's own answers on a weak signal (controllers/loads-in-flight.ts).
      void this.firstPageSettled.then(() => currentMe() && fetchRouteFiles());
      // The strip itself at once: should the signal drop before the page has its answers, it is here to say so.
      void import('./connection-bar.js')
        .then(async () => {
          await customElements.whenDefined('yishi-connection-bar');
          // The service worker's first download (every page's files) waits for the page's answers too.
          await this.firstPageSettled;
          // Vite's dev server has no service worker to register (vite-plugin-pwa builds it).
          if (import.meta.env.PROD) await this.connectionBar.register();
        })
        .catch(() => undefined);
    };
    if (wanted()) return load();
    const stop = onSessionChange(() => {
      if (!wanted()) return;
      stop();
      load();
    });
    this.cleanups.push(stop);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // The "loading…" text index.html shows before the script runs.
    this.replaceChildren();
    this.cleanups.push(interceptLinks(document));
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener(LOCATION_CHANGED, this.onLocation);
    this.cleanups.push(() => window.removeEventListener('popstate', this.onPopState));
    this.cleanups.push(() => window.removeEventListener(LOCATION_CHANGED, this.onLocation));
    this.cleanups.push(onSessionChange(() => this.requestUpdate()));
    // After the first paint and the page's own downloads: nothing of it weighs on a page's first load.
    if (document.readyState === 'complete') this.loadConnectionBar();
    else window.addEventListener('load', this.loadConnectionBar, { once: true });
    void this.resolveRoute();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private async resolveRoute(): Promise<void> {
    const navigation = ++this.navigationCount;
    this.shownAt = location.pathname + location.search;
    const match = matchRoute(routes, location.pathname);
    const route = match?.route ?? NOT_FOUND;
    const params = match?.params ?? {};
    this.busy = true;
    this.loadFailed = false;
    // Another page: show the loading state rather than the previous page's stale content.
    if (route !== this.route) this.page = null;
    // The page's first answers, asked for now unless its HTML brought them: beside the session check, while its code loads.
    askFirstAnswers(location.pathname, (url) => api.get(url));
    if (route.public) {
      // Public pages never wait for the session, but the header still shows who is logged in.
      void loadMe().catch(() => undefined);
    } else {
      const me = await loadMe().catch(() => null);
      if (navigation !== this.navigationCount) return;
      if (!me) {
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
        return;
      }
    }
    // After the first page, its files side by side (the first page's are in its HTML).
    if (navigation > 1) void preloadRoute(route.path);
    try {
      await route.load();
    } catch {
      if (navigation !== this.navigationCount) return;
      this.loadFailed = true;
      this.busy = false;
      this.onFirstPage();
      return;
    }
    if (navigation !== this.navigationCount) return;
    let page = this.page;
    if (!page || this.route !== route) page = document.createElement(route.tag) as PageElement;
    page.params = params;
    this.route = route;
    this.page = page;
    this.busy = false;
    this.updateTitle();
    // The first page shown (after a redirect to the login page, that one): drawn, its first update run.
    void this.updateComplete.then(() => (page as PageElement & { updateComplete?: Promise<unknown> }).updateComplete).then(this.onFirstPage);
    if (navigation > 1) {
      await this.updateComplete;
      window.scrollTo(0, 0);
      this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
    }
  }

  private updateTitle(): void {
    const name = t('app.name');
    document.title = this.route ? `${t(titleKey(this.route.tag))} · ${name}` : name;
  }

  protected override updated(): void {
    this.updateTitle();
    // The bell's code (and words) only for someone logged in: a passer-by has no notifications. After the first page's data.
    if (currentMe()) void this.firstPageSettled.then(loadBell);
  }

  private async switchLanguage(): Promise<void> {
    const next = currentLocale() === 'zh-CN' ? 'en' : 'zh-CN';
    await switchLocale(next);
    // The choice is kept on this device either way; the server only localises its messages.
    await api.call(authEndpoints.setLocale, { body: { locale: next } }).catch(() => undefined);
    if (currentMe()) void loadMe({ force: true });
  }

  private async logOut(): Promise<void> {
    const done = await this.write.run(() => logOut().then(() => true), { success: t('shell.loggedOut') });
    if (done) navigate('/login');
  }

  override render() {
    const me = currentMe();
    const onLogin = this.route?.path === '/login';
    const body = this.loadFailed
      ? renderError(t('state.pageLoadFailed'), () => void this.resolveRoute())
      : this.busy && !this.page
        ? renderLoading()
        : this.page;
    // A bare page (RouteDef.bare) has no header, from its first paint on.
    if (matchRoute(routes, location.pathname)?.route.bare)
      return html`${this.connectionBar}
        <main id="main" class="bare" tabindex="-1">${body}</main>
        ${NOTICES}`;
    return html`
      <a class="skip" href="#main" @click=${this.skipToMain}>${t('shell.skip')}</a>
      ${this.connectionBar}
      <header>
        <div class="bar">
          <a class="brand" href="/">${t('app.name')} <small>${t('app.tagline')}</small></a>
          <div class="tools">
            ${
              me
                ? html`<yishi-notification-bell></yishi-notification-bell>
                    <span class="who">${me.displayName}</span>
                    <a class="account-link" href="/account">${t('shell.account')}</a>
                    <button type="button" class="logout tool-button" ?disabled=${this.write.busy} @click=${this.logOut}>${t('shell.logout')}</button>`
                : onLogin
                  ? nothing
                  : html`<a class="link-button" href=${`/login?next=${encodeURIComponent(location.pathname)}`}>${t('shell.login')}</a>`
            }
          </div>
          <div class=${onLogin ? 'preferences' : 'preferences with-elder'}>
            ${
              onLogin
                ? nothing /* the login page shows its own, larger switch */
                : html`<label class="switch elder-switch"
                    ><input
                      type="checkbox"
                      role="switch"
                      .checked=${isElderMode()}
                      @change=${(e: Event) => setElderMode((e.target as HTMLInputElement).checked)}
                    />${t('shell.elder')}</label
                  >`
            }
            <button
              type="button"
              class="language tool-button"
              lang=${currentLocale() === 'zh-CN' ? 'en' : 'zh-CN'}
              title=${t('shell.languageLabel')}
              @click=${this.switchLanguage}
            >
              ${t('shell.language')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabindex="-1">${body}</main>
      ${NOTICES}
    `;
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-app': YishiApp;
  }
}
