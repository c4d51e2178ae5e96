/**
 * The flats a proxy votes for (the proxy panel's "我代理投票的房屋", shown by proxy-actions.ts): each
 * flat as a card, "代理 1栋1单元301（委托人 张*）", with the choices as big as the owner's own in the
 * voting flow (ballot-button-styles.ts), each cast after a confirmation in a modal dialog that the
 * phone's Back closes (components/common/dialog-history.ts).
 *
 * Once cast, the card says so, and the choices give way to a secondary "改投" that reopens them (the
 * proxy may change the ballot until closing; the latest counts), the re-cast confirmed as the first.
 * The server never says which choice a proxy ballot holds (as it never tells an owner her own), so the
 * card names the choice only for a ballot cast from this page in this visit, and only while that
 * ballot's receipt is still the flat's; otherwise it says that the flat was voted for, with the receipt.
 *
 * Fires `proxy-refresh` once a ballot is cast (the panel reads the authorisations again).
 */
import { proxyEndpoints, type ProxyView, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles, navButtonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { DialogHistory } from '../common/dialog-history.js';
import { syncModal } from '../common/modal.js';
import { bigChoiceStyles } from './ballot-button-styles.js';
import { colon } from './vote-words.js';

interface Casting {
  proxy: ProxyView;
  unitId: string;
  label: string;
  choice: string;
  /** A ballot of the proxy's own is already there: this one replaces it. */
  change: boolean;
}

/** The choices of the ballots cast from this page, by receipt code: a card names them while the receipt is the flat's. */
const castHere = new Map<string, readonly string[]>();

@customElement('yishi-proxy-held')
export class ProxyHeld extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    bigChoiceStyles,
    navButtonStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      .card {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
        margin: 0;
      }
      .card > p,
      .card > .big-choices,
      .card > .nav {
        margin: 0;
      }
      .cast-state p {
        margin: 0;
      }
      .cast-choice {
        font-size: 1.2rem;
        color: var(--yishi-ok-text);
      }
      .code {
        display: inline-block;
        font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
        font-weight: 700;
        white-space: nowrap;
      }
      .big-choice {
        width: 100%;
      }
    `,
  ];
  @property({ attribute: false }) view: VoteView | null = null;
  /** Authorisations I hold (confirmed only). */
  @property({ attribute: false }) held: ProxyView[] = [];
  @state() private casting: Casting | null = null;
  /** The flat whose choices "改投" has reopened. */
  @state() private changing: string | null = null;
  /** The ballot just cast, until the authorisations read again carry it. */
  private justCast: { unitId: string; receipt: string; held: ProxyView[] } | null = null;
  private readonly write = new WriteController(this);
  private readonly castHistory = new DialogHistory(this, { dialog: 'proxy-cast', close: () => (this.casting = null), busy: () => this.write.busy });

  override render() {
    const v = this.view;
    if (!v || this.held.length === 0) return nothing;
    return html`<h3>${t('proxy.held')}</h3>
      ${this.held.flatMap((p) => p.units.map((u) => this.renderUnit(v, p, u)))} ${this.renderCastDialog(v)}`;
  }

  private renderUnit(v: VoteView, p: ProxyView, u: ProxyView['units'][number]) {
    // Cast a moment ago: the card says so before the authorisations read again say it too.
    const just = this.justCast?.unitId === u.unitId && this.justCast.held === this.held ? this.justCast.receipt : null;
    const receipt = just ?? (u.votedBy === 'proxy' ? u.proxyReceiptCode : null);
    const mine = receipt !== null;
    const open = v.vote.status === 'open' && u.votedBy !== 'principal';
    return html`<div class="card" data-unit=${u.unitId}>
      <p><strong>${t('proxy.heldUnit', { unit: u.label, name: p.principalName })}</strong></p>
      ${u.votedBy === 'principal' && !just ? html`<p>${t('proxy.principalVoted')}</p>` : nothing}
      ${receipt !== null ? this.renderCast(v, u.label, receipt, castHere.get(receipt)) : nothing}
      ${open ? (mine && this.changing !== u.unitId ? this.renderChange(u.unitId) : this.renderChoices(v, p, u, mine)) : nothing}
    </div>`;
  }

  /** What was cast: the choice only when this page cast it, the receipt code whole on a line of its own. */
  private renderCast(v: VoteView, unit: string, receipt: string, choices: readonly string[] | undefined) {
    return html`<div class="cast-state" role="status" tabindex="-1">
      <p class="cast-choice">
        <strong>✓ ${choices ? t('proxy.castDone', { unit, choice: this.labels(v, choices) }) : t('proxy.castBefore')}</strong>
      </p>
      <p>${t('proxy.castReceipt')}${colon()}<span class="code">${receipt}</span></p>
    </div>`;
  }

  /** Cast already: changing it is the secondary step, behind its own button. */
  private renderChange(unitId: string) {
    return html`<p class="muted">${t('proxy.changeHint')}</p>
      <div class="nav">
        <button class="button" @click=${() => this.reopen(unitId)}>${t('proxy.change')}</button>
      </div>`;
  }

  /** The choices, as big as the owner's own; for a change, none marked (the ballot's choice is not shown again) and a way to keep it. */
  private renderChoices(v: VoteView, p: ProxyView, u: ProxyView['units'][number], change: boolean) {
    return html`${change ? html`<p><strong>${t('proxy.changeChoose')}</strong></p>` : nothing}
      <div class="big-choices" role="group" aria-label=${change ? t('proxy.changeFor', { unit: u.label }) : t('proxy.castFor', { unit: u.label })}>
        ${v.vote.options.map(
          (o) =>
            html`<button class="big-choice" @click=${() => (this.casting = { proxy: p, unitId: u.unitId, label: u.label, choice: o.id, change })}>
              ${o.label}
            </button>`,
        )}
      </div>
      ${change ? html`<div class="nav"><button class="button" @click=${() => (this.changing = null)}>${t('proxy.changeKeep')}</button></div>` : nothing}`;
  }

  private labels(v: VoteView, choices: readonly string[]): string {
    return choices.map((id) => v.vote.options.find((o) => o.id === id)?.label ?? id).join(t('votes.choiceSeparator'));
  }

  private async reopen(unitId: string): Promise<void> {
    this.changing = unitId;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-unit="${unitId}"] .big-choice`)?.focus();
  }

  private renderCastDialog(v: VoteView) {
    const c = this.casting;
    const choice = c ? this.labels(v, [c.choice]) : '';
    const words = c && { name: c.proxy.principalName, unit: c.label, choice };
    return html`<dialog class="dialog" id="cast-dialog" aria-labelledby="cast-title" @close=${() => (this.casting = null)}>
      <h2 id="cast-title">${c ? t(c.change ? 'proxy.changeFor' : 'proxy.castFor', { unit: c.label }) : ''}</h2>
      ${c && words ? html`<p><strong>${t(c.change ? 'proxy.changeConfirm' : 'proxy.castConfirm', words)}</strong></p>` : nothing}
      <div class="actions">
        <button class="button" @click=${() => (this.casting = null)}>${t('proxy.cancel')}</button>
        <button class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy} @click=${() => this.cast()}>
          ${t(c?.change ? 'proxy.changeCast' : 'proxy.cast')}
        </button>
      </div>
    </dialog>`;
  }

  /** The dialog is open while a cast is under way: shown modal (Esc closes it), and an entry in history (Back closes it). */
  protected override updated(): void {
    syncModal(this.renderRoot, 'cast-dialog', this.casting !== null);
    this.castHistory.sync(this.casting !== null);
  }

  private async cast() {
    const c = this.casting;
    if (!c) return;
    const receipt = await this.write.run(() =>
      api.call(proxyEndpoints.cast, { params: { voteId: this.view?.vote.id ?? '' }, body: { unitId: c.unitId, choices: [c.choice] } }),
    );
    this.casting = null;
    if (!receipt) return;
    castHere.set(receipt.receiptCode, [c.choice]);
    this.justCast = { unitId: c.unitId, receipt: receipt.receiptCode, held: this.held };
    this.changing = null;
    this.dispatchEvent(new CustomEvent('proxy-refresh'));
    // What was cast is said on the card, where the choices were: brought into view with the focus (the tapped button is gone).
    await this.updateComplete;
    const said = this.renderRoot.querySelector<HTMLElement>(`[data-unit="${c.unitId}"] .cast-state`);
    said?.scrollIntoView({ block: 'center' });
    said?.focus({ preventScroll: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proxy-held': ProxyHeld;
  }
}
