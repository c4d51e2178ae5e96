/**
 * Staff, on the vote's management page: the owners' roll correction requests and 询异 disputes, each
 * with a "处理" dialog — uphold (with the roll correction, or the paper ballot's corrected choice) or
 * reject, always with a reason the owner is told. A resolution cannot be undone; the dialog says so.
 * Each list loads a page at a time (oldest first); the counts of open ones are of all. Its buttons,
 * dialog and fields are native (no Shoelace); a refused resolution says each problem under its field,
 * with the focus on the first.
 */
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
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderLoad } from '../common/load-state.js';
import { syncModal } from '../common/modal.js';
import { choiceField } from '../forms/choice-field.js';
import { focusControl } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import { disputeItem, objectionStyles, rollObjectionItem } from './objection-items.js';

type Resolving = { roll: RollObjectionView } | { dispute: BallotDisputeView };

/**
 * The fields a refusal can be about, in the dialog's order: the server's `correction.areaCenti` is
 * the area's (the only correction that can be out of range), `correctedChoices` the slip's choice.
 */
const FIELDS = ['correction', 'correctedChoices', 'reason'] as const;
type Field = (typeof FIELDS)[number];
/** The control that holds each field. */
const CONTROL: Record<Field, string> = { correction: 'area', correctedChoices: 'correctedChoices', reason: 'reason' };

@customElement('yishi-vote-objections-panel')
export class VoteObjectionsPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    objectionStyles,
    css`
      ul.objections .button {
        margin-top: 0.5rem;
      }
      .dialog form {
        gap: 1rem;
      }
      .dialog p {
        margin: 0;
      }
    `,
  ];
  @property({ attribute: 'vote-id' }) voteId = '';
  @property({ attribute: false }) options: VoteOption[] = [];
  @state() private resolving: Resolving | null = null;
  @state() private outcome: ObjectionOutcome = 'upheld';
  @state() private choice = '';
  private readonly write = new WriteController<Field>(this);
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
      const button = (r: Resolving) => html`<button type="button" class="button primary" @click=${() => this.start(r)}>${t('objections.resolve')}</button>`;
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
    const e = this.write.fieldErrors;
    return html`<dialog class="dialog" id="resolve-dialog" aria-labelledby="resolve-title" @close=${() => (this.resolving = null)}>
      <h2 id="resolve-title">${t('objections.resolveTitle', { what })}</h2>
      ${
        r
          ? html`<form class="fields" novalidate @submit=${(ev: Event) => this.submit(ev)}>
              ${choiceField({
                name: 'outcome',
                legend: t('objections.resolve'),
                choices: [
                  { value: 'upheld', label: t('objections.uphold') },
                  { value: 'rejected', label: t('objections.reject') },
                ],
                initial: this.outcome,
                onChange: (value) => (this.outcome = value as ObjectionOutcome),
              })}
              ${this.outcome === 'upheld' ? ('roll' in r ? this.renderRollCorrection(r.roll) : r.dispute.paperBallot ? this.renderChoiceCorrection() : nothing) : nothing}
              ${nativeField(
                'reason',
                t('objections.reasonLabel'),
                html`<textarea
                  class="input"
                  id="reason"
                  name="reason"
                  required
                  maxlength="1000"
                  rows="3"
                  @input=${() => this.write.clearField('reason')}
                  ${fieldProblem('reason', e.reason)}
                ></textarea>`,
                e.reason,
              )}
              <p><strong>${t('objections.confirmResolve')}</strong></p>
              ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
              <div class="actions">
                <button type="button" class="button" @click=${() => (this.resolving = null)}>${t('objections.cancel')}</button>
                <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
                  ${t('objections.resolve')}
                </button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'resolve-dialog', this.resolving !== null);
  }

  private renderRollCorrection(o: RollObjectionView) {
    const area = o.claimedAreaCenti ? (o.claimedAreaCenti / 100).toFixed(2) : '';
    const e = this.write.fieldErrors;
    return html`${nativeField(
        'area',
        t('objections.correctArea'),
        html`<input
          class="input"
          id="area"
          name="area"
          type="number"
          inputmode="decimal"
          step="0.01"
          min="0.01"
          autocomplete="off"
          value=${area}
          @input=${() => this.write.clearField('correction')}
          ${fieldProblem('area', e.correction)}
        />`,
        e.correction,
      )}
      <label class="check"
        ><input type="checkbox" name="developer" />${o.kind === 'developer_sold' ? t('objections.correctSold') : t('objections.correctDeveloper')}</label
      >
      <label class="check"
        ><input type="checkbox" name="owners" ?checked=${o.kind === 'owner_missing' || o.kind === 'not_mine'} />${t('objections.refreshOwners')}</label
      >`;
  }

  private renderChoiceCorrection() {
    return choiceField({
      name: 'correctedChoices',
      legend: t('objections.correctChoices'),
      choices: [{ value: '', label: t('objections.noCorrection') }, ...this.options.map((opt) => ({ value: opt.id, label: opt.label }))],
      initial: this.choice,
      error: this.write.fieldErrors.correctedChoices,
      onChange: (value) => {
        this.choice = value;
        this.write.clearField('correctedChoices');
      },
    });
  }

  private async submit(event: Event) {
    event.preventDefault();
    const r = this.resolving;
    if (!r || this.write.busy) return;
    const form = event.target as HTMLFormElement;
    const reason = form.querySelector<HTMLTextAreaElement>('[name=reason]')?.value ?? '';
    const upheld = this.outcome === 'upheld';
    const options = { success: t('objections.resolved'), errorAs: 'inline' as const, fields: FIELDS };
    let done: unknown;
    if ('roll' in r) {
      const area = form.querySelector<HTMLInputElement>('[name=area]')?.value ?? '';
      const developer = form.querySelector<HTMLInputElement>('[name=developer]')?.checked ?? false;
      const owners = form.querySelector<HTMLInputElement>('[name=owners]')?.checked ?? false;
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
    if (!done) {
      const first = FIELDS.find((field) => this.write.fieldErrors[field]);
      if (first) void focusControl(this, CONTROL[first]);
      return;
    }
    this.resolving = null;
    await Promise.all([this.load.reload({ quiet: true }), this.disputes.reload({ quiet: true })]);
    this.dispatchEvent(new CustomEvent('objection-resolved', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-objections-panel': VoteObjectionsPanel;
  }
}
