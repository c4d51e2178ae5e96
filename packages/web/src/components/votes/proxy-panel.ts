/**
 * Voting by proxy (委托投票) on the vote page of an owners' vote. Most owners who open a vote only
 * vote, so the panel stays light (issue 18): native buttons, no Shoelace, and for an owner with no
 * proxy given or held only its invitation, "委托他人代我投票". Everything else is the panel's actions
 * (proxy-actions.ts): fetched when the owner opens the form, or at once for an owner who has given or
 * holds a proxy (core's proxyPanelParts, by which the server names them in the page's HTML too).
 */
import { proxyEndpoints, proxyPanelParts, unitsFreeForProxy, type MyProxies, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PartController } from '../../controllers/part-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderLoad } from '../common/load-state.js';
import type { ProxyActions } from './proxy-actions.js';

@customElement('yishi-proxy-panel')
export class ProxyPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      section,
      .card {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      .form-error {
        margin: 0;
        color: var(--yishi-danger-text);
        font-weight: 600;
      }
    `,
  ];
  @property({ attribute: false }) view: VoteView | null = null;
  /** The panel's actions (proxy-actions.ts): on their way, here, or not come. */
  private readonly actions = new PartController(this, () => import('./proxy-actions.js'));
  /** The form to authorise a proxy is open. */
  @state() private authorising = false;
  @state() private opening = false;
  @state() private openFailed = false;
  private readonly load = new LoadController(
    this,
    (signal) => api.call(proxyEndpoints.mine, { params: { voteId: this.view?.vote.id ?? '' }, signal }),
    () => [this.view?.vote.id],
  );

  override render() {
    const v = this.view;
    if (!v || v.vote.electorateKind !== 'owners' || v.vote.status === 'draft') return nothing;
    return renderLoad(this.load, (m) => this.renderPanel(v, m));
  }

  private renderPanel(v: VoteView, m: MyProxies) {
    if (!m.allowed) return nothing;
    const live = v.vote.status === 'announced' || v.vote.status === 'open';
    const free = unitsFreeForProxy(v, m);
    const withActions = proxyPanelParts(m).length > 0;
    if (!withActions && (!live || free.length === 0)) return nothing;
    return html`<section aria-labelledby="proxy-heading">
      <h2 id="proxy-heading">${t('proxy.heading')}</h2>
      ${
        // Once here, kept in the page (it shows nothing without a proxy or the form): it holds where the last code went.
        this.actions.status === 'ready'
          ? html`<yishi-proxy-actions
              .view=${v}
              .mine=${m}
              .free=${free}
              ?authorising=${this.authorising}
              @proxy-refresh=${() => this.load.refresh()}
              @proxy-form-closed=${() => (this.authorising = false)}
            ></yishi-proxy-actions>`
          : withActions
            ? this.renderActionsPending()
            : nothing
      }
      ${live && free.length && !this.authorising ? this.renderInvitation() : nothing}
    </section>`;
  }

  /** The actions on their way, or not come (no signal): a way to ask again. */
  private renderActionsPending() {
    if (this.actions.status !== 'failed') return html`<p role="status">${t('state.loading')}</p>`;
    return html`<div class="card">
      <p class="form-error" role="alert">${t('state.errorTitle')}</p>
      <div><button class="button" @click=${() => void this.actions.fetch().catch(() => undefined)}>${t('state.retry')}</button></div>
    </div>`;
  }

  /** An owner who has given or holds a proxy sees the actions at once: fetched as soon as the answer says so. */
  protected override willUpdate(): void {
    const m = this.load.value;
    if (m && proxyPanelParts(m).length > 0 && this.actions.status === 'idle') void this.actions.fetch().catch(() => undefined);
  }

  /**
   * Come from the home page's "去代为投票" (/votes/:id#proxy) with no flat of one's own in the vote: the panel,
   * at the foot of the page below "not on the roll", is brought into view once it shows the flats held.
   */
  private broughtIntoView = false;
  /** The page is told once that the reader holds a proxy here (it then says where her flats to vote for are). */
  private toldHeld = false;
  protected override updated(): void {
    if (!this.toldHeld && this.load.value?.held.length) {
      this.toldHeld = true;
      this.dispatchEvent(new CustomEvent('proxy-held', { bubbles: true, composed: true }));
    }
    if (this.broughtIntoView || location.hash !== '#proxy' || this.actions.status !== 'ready' || !this.load.value?.held.length) return;
    this.broughtIntoView = true;
    // Once the actions have drawn the flats: scrolled before, the page was still short and stopped above them.
    void this.renderRoot
      .querySelector<ProxyActions>('yishi-proxy-actions')
      ?.updateComplete.then(() => this.renderRoot.querySelector('section')?.scrollIntoView({ block: 'start' }));
  }

  private renderInvitation() {
    return html`<div class="card">
      <p>${t('proxy.intro')}</p>
      <div>
        <button class="button" ?disabled=${this.opening} aria-busy=${this.opening} @click=${() => this.openForm()}>${t('proxy.open')}</button>
      </div>
      ${this.openFailed ? html`<p class="form-error" role="alert">${t('proxy.openFailed')}</p>` : nothing}
    </div>`;
  }

  /** Opens the form to authorise a proxy once its code is here (fetched on the first opening). */
  private async openForm(): Promise<void> {
    this.opening = true;
    this.openFailed = false;
    try {
      const { readyAuthoriseForm } = await this.actions.fetch();
      await readyAuthoriseForm();
      this.authorising = true;
    } catch {
      this.openFailed = true;
    } finally {
      this.opening = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proxy-panel': ProxyPanel;
  }
}
