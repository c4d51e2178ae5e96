/**
 * One proposal: what it asks, how many households seconded it and how many more are needed, the
 * second button, every state change with who and when, and — for the committee — put it on an
 * agenda, put it to a vote, merge it, or decline it with a public reason (confirmed first: it cannot
 * be undone). Native controls: residents second from a phone; no Shoelace.
 */
import { COMPOUND_STAFF, proposalEndpoints, type BodyInput, type ProposalDetail, type ProposalView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { colon } from '../../components/votes/vote-words.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { rolesAt } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

interface Loaded {
  detail: ProposalDetail;
  /** For the committee: the proposals this one may be merged into. */
  others: ProposalView[];
}

function isCommittee(compoundId: string): boolean {
  return rolesAt(compoundId).some((r) => (COMPOUND_STAFF as readonly string[]).includes(r));
}

@customElement('yishi-proposal-page')
export class ProposalPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .body {
        white-space: pre-wrap;
      }
      .committee {
        display: grid;
        gap: 0.75rem;
      }
      .committee .button {
        justify-self: start;
      }
      textarea.input {
        min-height: 5.5rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private mergeInto = '';
  /** The reason typed for declining, and whether its confirmation is open. */
  @state() private reason = '';
  @state() private confirmingDecline = false;
  private readonly write = new WriteController<'reason'>(this);
  // Statuses and thresholds come in the reader's language: a switch of language reads them again.
  private readonly load = new LoadController(
    this,
    (signal) => this.fetch(signal),
    () => [this.params.proposalId, currentLocale()],
  );

  private async fetch(signal: AbortSignal): Promise<Loaded> {
    const detail = await api.call(proposalEndpoints.get, { params: { proposalId: this.params.proposalId ?? '' }, signal });
    const p = detail.proposal;
    if (!isCommittee(p.compoundId)) return { detail, others: [] };
    // The newest 200 (one page at the most): the proposals a committee merges into are recent ones.
    const { items: proposals } = await api.call(proposalEndpoints.list, { params: { compoundId: p.compoundId }, query: { limit: 200 }, signal });
    return { detail, others: proposals.filter((o) => o.id !== p.id && o.status !== 'merged' && o.status !== 'declined') };
  }

  override render() {
    return renderLoad(this.load, (loaded) => this.renderDetail(loaded));
  }

  private renderDetail({ detail, others }: Loaded) {
    const p = detail.proposal;
    const me = detail.me;
    return html`<h1>${p.title}</h1>
      <p class="lead">${t('proposals.by', { name: p.authorName })} · ${formatDateTime(p.createdAt)}</p>
      <p><strong>${p.statusText}</strong></p>
      <p class="body">${p.body}</p>
      <div class="card">
        <p>${t('proposals.seconds', { count: p.seconds })}${p.needed > 0 ? html` · ${t('proposals.needed', { count: p.needed })}` : nothing}</p>
        <p class="muted">${p.thresholdText}</p>
        ${me?.seconded ? html`<p><strong>✓ ${t('proposals.seconded')}</strong></p>` : nothing}
        ${
          me?.canSecond && !me.seconded
            ? html`<button
                type="button"
                class="button primary"
                ?disabled=${this.write.busy}
                aria-busy=${this.write.busy ? 'true' : 'false'}
                @click=${() => this.second(p)}
              >
                ${t('proposals.second')}
              </button>`
            : nothing
        }
      </div>
      ${p.decisionReason ? html`<p>${t('proposals.decisionReason', { reason: p.decisionReason })}</p>` : nothing}
      ${p.voteId ? html`<p><a class="link-button" href=${`/votes/${p.voteId}`}>${t('votes.view')}</a></p>` : nothing}
      ${this.write.error ? html`<div class="alert danger"><span role="alert">${this.write.error}</span></div>` : nothing}
      ${isCommittee(p.compoundId) && (p.status === 'qualified' || p.status === 'seconding') ? this.renderCommittee(p, others) : nothing}
      <h2>${t('proposals.history')}</h2>
      <ol>
        ${detail.history.map((h) => html`<li>${formatDateTime(h.at)} · <strong>${h.statusText}</strong> · ${h.actorName}${h.note ? `${colon()}${h.note}` : nothing}</li>`)}
      </ol>`;
  }

  private renderCommittee(p: ProposalView, others: ProposalView[]) {
    const reasonError = this.write.fieldErrors.reason;
    const reasonHint = t('proposals.reasonHint');
    return html`<h2>${t('proposals.committee')}</h2>
      <div class="card committee">
        ${
          p.status === 'qualified'
            ? html`<div class="actions">
                <button type="button" class="button" ?disabled=${this.write.busy} @click=${() => this.decide(p, { action: 'put_on_agenda' })}>
                  ${t('proposals.putOnAgenda')}
                </button>
                <a class="link-button" href=${`/compounds/${p.compoundId}/votes/new?proposalId=${p.id}`}>${t('proposals.putToVote')}</a>
              </div>`
            : nothing
        }
        ${
          others.length
            ? html`${nativeField(
                  'merge-into',
                  t('proposals.mergeInto'),
                  html`<select class="input" id="merge-into" name="mergeInto" @change=${(e: Event) => (this.mergeInto = (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${!this.mergeInto}></option>
                    ${others.map((o) => html`<option value=${o.id} ?selected=${o.id === this.mergeInto}>${o.title}</option>`)}
                  </select>`,
                )}
                <button
                  type="button"
                  class="button"
                  ?disabled=${!this.mergeInto || this.write.busy}
                  @click=${() => this.decide(p, { action: 'merge', intoProposalId: this.mergeInto })}
                >
                  ${t('proposals.merge')}
                </button>`
            : nothing
        }
        ${nativeField(
          'reason',
          t('proposals.reason'),
          html`<textarea
            class="input"
            id="reason"
            name="reason"
            rows="3"
            maxlength="1000"
            .value=${this.reason}
            @input=${(e: Event) => {
              this.reason = (e.target as HTMLTextAreaElement).value;
              this.write.clearField('reason');
            }}
            ${fieldProblem('reason', reasonError, reasonHint)}
          ></textarea>`,
          reasonError,
          reasonHint,
        )}
        <button type="button" class="button danger" ?disabled=${this.write.busy} @click=${() => (this.confirmingDecline = true)}>
          ${t('proposals.decline')}
        </button>
      </div>
      ${this.renderDeclineDialog(p)}`;
  }

  /** Declining closes the proposal for good: said, with the reason to be published, before it is done. */
  private renderDeclineDialog(p: ProposalView) {
    return html`<dialog class="dialog" id="decline-dialog" aria-labelledby="decline-title" @close=${() => (this.confirmingDecline = false)}>
      <h2 id="decline-title">${t('proposals.declineTitle', { title: p.title })}</h2>
      ${this.reason.trim() ? html`<p>${t('proposals.decisionReason', { reason: this.reason.trim() })}</p>` : nothing}
      <p><strong>${t('proposals.declineWarn')}</strong></p>
      <div class="actions">
        <button type="button" class="button" @click=${() => (this.confirmingDecline = false)}>${t('proposals.cancel')}</button>
        <button
          type="button"
          class="button danger"
          ?disabled=${this.write.busy}
          aria-busy=${this.write.busy ? 'true' : 'false'}
          @click=${() => void this.decline(p)}
        >
          ${t('proposals.decline')}
        </button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'decline-dialog', this.confirmingDecline);
  }

  private async decline(p: ProposalView) {
    const done = await this.decide(p, { action: 'decline', reason: this.reason });
    this.confirmingDecline = false;
    if (done) this.reason = '';
  }

  private async second(p: ProposalView) {
    if (await this.write.run(() => api.call(proposalEndpoints.second, { params: { proposalId: p.id }, body: {} }), { errorAs: 'inline' }))
      await this.load.refresh();
  }

  private async decide(p: ProposalView, body: BodyInput<typeof proposalEndpoints.decide>): Promise<boolean> {
    const done = await this.write.run(() => api.call(proposalEndpoints.decide, { params: { proposalId: p.id }, body }), {
      errorAs: 'inline',
      fields: ['reason'],
    });
    if (!done) return false;
    this.mergeInto = '';
    await this.load.refresh();
    return true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proposal-page': ProposalPage;
  }
}
