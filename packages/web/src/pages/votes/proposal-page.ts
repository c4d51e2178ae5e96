/**
 * One proposal: what it asks, how many households seconded it and how many more are needed, the
 * second button, every state change with who and when, and — for the committee — put it on an
 * agenda, put it to a vote, merge it, or decline it with a public reason.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { COMPOUND_STAFF, proposalEndpoints, type BodyInput, type ProposalDetail, type ProposalView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { colon } from '../../components/votes/vote-words.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { rolesAt } from '../../state/session.js';
import { formStyles } from '../../styles/form-styles.js';

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
    formStyles,
    css`
      .body {
        white-space: pre-wrap;
      }
      .committee {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private mergeInto = '';
  private readonly write = new WriteController(this);
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
            ? html`<sl-button variant="primary" size="large" ?loading=${this.write.busy} @click=${() => this.second(p)}>${t('proposals.second')}</sl-button>`
            : nothing
        }
      </div>
      ${p.decisionReason ? html`<p>${t('proposals.decisionReason', { reason: p.decisionReason })}</p>` : nothing}
      ${p.voteId ? html`<p><a class="link-button" href=${`/votes/${p.voteId}`}>${t('votes.view')}</a></p>` : nothing}
      ${this.write.error ? html`<sl-alert variant="danger" open><span role="alert">${this.write.error}</span></sl-alert>` : nothing}
      ${isCommittee(p.compoundId) && (p.status === 'qualified' || p.status === 'seconding') ? this.renderCommittee(p, others) : nothing}
      <h2>${t('proposals.history')}</h2>
      <ol>
        ${detail.history.map((h) => html`<li>${formatDateTime(h.at)} · <strong>${h.statusText}</strong> · ${h.actorName}${h.note ? `${colon()}${h.note}` : nothing}</li>`)}
      </ol>`;
  }

  private renderCommittee(p: ProposalView, others: ProposalView[]) {
    return html`<h2>${t('proposals.committee')}</h2>
      <div class="card committee">
        ${
          p.status === 'qualified'
            ? html`<div class="actions">
                <sl-button ?disabled=${this.write.busy} @click=${() => this.decide(p, { action: 'put_on_agenda' })}>${t('proposals.putOnAgenda')}</sl-button>
                <a class="link-button" href=${`/compounds/${p.compoundId}/votes/new?proposalId=${p.id}`}>${t('proposals.putToVote')}</a>
              </div>`
            : nothing
        }
        ${
          others.length
            ? html`<sl-select
                  label=${t('proposals.mergeInto')}
                  value=${this.mergeInto}
                  hoist
                  @sl-change=${(e: Event) => (this.mergeInto = (e.target as HTMLSelectElement).value)}
                >
                  ${others.map((o) => html`<sl-option value=${o.id}>${o.title}</sl-option>`)}
                </sl-select>
                <sl-button ?disabled=${!this.mergeInto || this.write.busy} @click=${() => this.decide(p, { action: 'merge', intoProposalId: this.mergeInto })}
                  >${t('proposals.merge')}</sl-button
                >`
            : nothing
        }
        <sl-textarea id="reason" label=${t('proposals.reason')} rows="3"></sl-textarea>
        <sl-button
          variant="danger"
          ?disabled=${this.write.busy}
          @click=${() => this.decide(p, { action: 'decline', reason: this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.value ?? '' })}
          >${t('proposals.decline')}</sl-button
        >
      </div>`;
  }

  private async second(p: ProposalView) {
    if (await this.write.run(() => api.call(proposalEndpoints.second, { params: { proposalId: p.id }, body: {} }), { errorAs: 'inline' }))
      await this.load.reload();
  }

  private async decide(p: ProposalView, body: BodyInput<typeof proposalEndpoints.decide>) {
    if (await this.write.run(() => api.call(proposalEndpoints.decide, { params: { proposalId: p.id }, body }), { errorAs: 'inline' })) {
      this.mergeInto = '';
      await this.load.reload();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proposal-page': ProposalPage;
  }
}
