/**
 * Staff, on the vote's management page: the owners' roll correction requests and 询异 disputes, each
 * with a "处理" dialog — uphold (with the roll correction, or the paper ballot's corrected choice) or
 * reject, always with a reason the owner is told. A resolution cannot be undone; the dialog says so.
 * Each list loads a page at a time (oldest first); the counts of open ones are of all.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/radio-group/radio-group.js';
import '@shoelace-style/shoelace/dist/components/radio/radio.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import {
  objectionEndpoints,
  type BallotDisputeView,
  type ObjectionList,
  type ObjectionOutcome,
  type RollObjectionView,
  type VoteObjections,
  type VoteOption,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderLoad } from '../common/load-state.js';
import { disputeItem, objectionStyles, rollObjectionItem } from './objection-items.js';

type Resolving = { roll: RollObjectionView } | { dispute: BallotDisputeView };

@customElement('yishi-vote-objections-panel')
export class VoteObjectionsPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    objectionStyles,
    css`
      sl-dialog form {
        display: grid;
        gap: 1rem;
      }
    `,
  ];
  @property({ attribute: 'vote-id' }) voteId = '';
  @property({ attribute: false }) options: VoteOption[] = [];
  @state() private resolving: Resolving | null = null;
  @state() private outcome: ObjectionOutcome = 'upheld';
  @state() private choice = '';
  private readonly write = new WriteController<'reason'>(this);
  /** One of the two lists, a page at a time (the answer's other list is empty then). */
  private list<T>(list: ObjectionList, part: (o: VoteObjections) => { items: T[]; next: string | null }) {
    return new PagedController<T, VoteObjections & { items: T[]; next: string | null }>(
      this,
      async (after, signal) => {
        const o = await api.call(objectionEndpoints.objections, { params: { voteId: this.voteId }, query: { list, after }, signal });
        return { ...o, ...part(o) };
      },
      () => [this.voteId],
    );
  }
  private readonly load = this.list<RollObjectionView>('roll', (o) => o.rollObjections);
  private readonly disputes = this.list<BallotDisputeView>('disputes', (o) => o.disputes);

  override render() {
    return renderLoad(this.load, (o) => {
      const button = (r: Resolving) => html`<sl-button size="large" variant="primary" @click=${() => this.start(r)}>${t('objections.resolve')}</sl-button>`;
      const [roll, disputes] = [this.load.items, this.disputes.items];
      return html`<section aria-labelledby="objections-heading">
        <h2 id="objections-heading">${t('objections.staffHeading')}</h2>
        ${
          roll.length + disputes.length === 0
            ? html`<p class="muted">${t('objections.staffEmpty')}</p>`
            : html`<p><strong>${t('objections.openCount', { count: o.openRollObjections + o.openDisputes })}</strong></p>
                ${o.openRollObjections > 0 ? html`<p role="note">${t('objections.blocksOpening')}</p>` : nothing}
                ${o.openDisputes > 0 ? html`<p role="note">${t('objections.blocksFinal')}</p>` : nothing}
                <ul class="objections">
                  ${roll.map((x) => rollObjectionItem(x, x.status === 'open' ? button({ roll: x }) : nothing))}
                </ul>
                ${renderMore(this.load)}
                <ul class="objections">
                  ${disputes.map((x) => disputeItem(x, x.status === 'open' ? button({ dispute: x }) : nothing))}
                </ul>
                ${renderMore(this.disputes)}`
        }
        ${this.renderDialog()}
      </section>`;
    });
  }

  private start(r: Resolving) {
    this.write.clear();
    this.outcome = 'upheld';
    this.choice = '';
    this.resolving = r;
  }

  private renderDialog() {
    const r = this.resolving;
    const what = r ? ('roll' in r ? r.roll.unitLabel : r.dispute.receiptCode) : '';
    return html`<sl-dialog
      label=${t('objections.resolveTitle', { what })}
      ?open=${r !== null}
      @sl-after-hide=${(e: Event) => e.target === e.currentTarget && (this.resolving = null)}
    >
      ${
        r
          ? html`<form @submit=${(e: Event) => this.submit(e)}>
              <sl-radio-group
                size="large"
                label=${t('objections.resolve')}
                value=${this.outcome}
                @sl-change=${(e: Event) => (this.outcome = (e.target as HTMLInputElement).value as ObjectionOutcome)}
              >
                <sl-radio value="upheld">${t('objections.uphold')}</sl-radio>
                <sl-radio value="rejected">${t('objections.reject')}</sl-radio>
              </sl-radio-group>
              ${this.outcome === 'upheld' ? ('roll' in r ? this.renderRollCorrection(r.roll) : r.dispute.paperBallot ? this.renderChoiceCorrection() : nothing) : nothing}
              <sl-textarea size="large" name="reason" required maxlength="1000" rows="3" label=${t('objections.reasonLabel')}></sl-textarea>
              <p><strong>${t('objections.confirmResolve')}</strong></p>
              ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
            </form>`
          : nothing
      }
      <sl-button slot="footer" size="large" @click=${() => (this.resolving = null)}>${t('objections.cancel')}</sl-button>
      <sl-button slot="footer" size="large" variant="primary" ?loading=${this.write.busy} @click=${() => this.submit(null)}
        >${t('objections.resolve')}</sl-button
      >
    </sl-dialog>`;
  }

  private renderRollCorrection(o: RollObjectionView) {
    const area = o.claimedAreaCenti ? (o.claimedAreaCenti / 100).toFixed(2) : '';
    return html`<sl-input
        size="large"
        name="area"
        type="number"
        inputmode="decimal"
        step="0.01"
        min="0.01"
        value=${area}
        label=${t('objections.correctArea')}
      ></sl-input>
      <sl-checkbox size="large" name="developer">${o.kind === 'developer_sold' ? t('objections.correctSold') : t('objections.correctDeveloper')}</sl-checkbox>
      <sl-checkbox size="large" name="owners" ?checked=${o.kind === 'owner_missing' || o.kind === 'not_mine'}>${t('objections.refreshOwners')}</sl-checkbox>`;
  }

  private renderChoiceCorrection() {
    return html`<sl-radio-group
      size="large"
      label=${t('objections.correctChoices')}
      value=${this.choice}
      @sl-change=${(e: Event) => (this.choice = (e.target as HTMLInputElement).value)}
    >
      <sl-radio value="">${t('objections.noCorrection')}</sl-radio>
      ${this.options.map((opt) => html`<sl-radio value=${opt.id}>${opt.label}</sl-radio>`)}
    </sl-radio-group>`;
  }

  private async submit(event: Event | null) {
    event?.preventDefault();
    const r = this.resolving;
    if (!r) return;
    const form = this.renderRoot.querySelector<HTMLFormElement>('sl-dialog form');
    const reason = form?.querySelector<HTMLTextAreaElement>('[name=reason]')?.value ?? '';
    const upheld = this.outcome === 'upheld';
    const options = { success: t('objections.resolved'), errorAs: 'inline' as const, fields: ['reason'] as const };
    let done: unknown;
    if ('roll' in r) {
      const area = form?.querySelector<HTMLInputElement>('[name=area]')?.value ?? '';
      const developer = form?.querySelector<HTMLInputElement>('[name=developer]')?.checked ?? false;
      const owners = form?.querySelector<HTMLInputElement>('[name=owners]')?.checked ?? false;
      const correction = upheld
        ? {
            ...(area ? { areaCenti: Math.round(Number(area) * 100) } : {}),
            ...(developer ? { developerHeld: r.roll.kind !== 'developer_sold' } : {}),
            ...(owners ? { refreshOwners: true } : {}),
          }
        : null;
      done = await this.write.run(
        () =>
          api.call(objectionEndpoints.resolveRollObjection, {
            params: { voteId: this.voteId, objectionId: r.roll.id },
            body: { outcome: this.outcome, reason, correction },
          }),
        options,
      );
    } else {
      const correctedChoices = upheld && r.dispute.paperBallot && this.choice ? [this.choice] : null;
      done = await this.write.run(
        () =>
          api.call(objectionEndpoints.resolveDispute, {
            params: { voteId: this.voteId, disputeId: r.dispute.id },
            body: { outcome: this.outcome, reason, correctedChoices },
          }),
        options,
      );
    }
    if (!done) return;
    this.resolving = null;
    await Promise.all([this.load.reload(), this.disputes.reload()]);
    this.dispatchEvent(new CustomEvent('objection-resolved', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-objections-panel': VoteObjectionsPanel;
  }
}
