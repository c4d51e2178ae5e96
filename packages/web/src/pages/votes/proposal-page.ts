/**
 * One proposal: what it asks, how many households seconded it and how many more are needed, the
 * second button, every state change with who and when, and — for the committee — put it on an
 * agenda, put it to a vote, merge it, or decline it with a public reason.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { COMPOUND_STAFF } from '@yishi/core';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { rolesAt } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';
import type { ProposalView } from './proposals-page.js';

interface ProposalDetail {
  proposal: ProposalView & { compoundId: string; unitsInScope: number };
  history: Array<{ status: string; statusText: string; actorName: string; note: string; at: string }>;
  me: { isAuthor: boolean; seconded: boolean; canSecond: boolean } | null;
}

@customElement('yishi-proposal-page')
export class ProposalPage extends LitElement {
  static override styles = [pageStyles];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private error = '';
  @state() private others: Array<{ id: string; title: string; status: string }> = [];
  private readonly prefs = new PreferencesController(this);
  private readonly load = new LoadController<ProposalDetail>(this, (signal) => this.fetch(signal), () => [this.params.proposalId]);

  private async fetch(signal: AbortSignal): Promise<ProposalDetail> {
    const detail = await api.get<ProposalDetail>(`/api/proposals/${encodeURIComponent(this.params.proposalId ?? '')}`, signal);
    const p = detail.proposal;
    if (rolesAt(p.compoundId).some((r) => (COMPOUND_STAFF as readonly string[]).includes(r))) {
      const { proposals } = await api.get<{ proposals: Array<{ id: string; title: string; status: string }> }>(`/api/compounds/${encodeURIComponent(p.compoundId)}/proposals`, signal);
      this.others = proposals.filter((o) => o.id !== p.id && o.status !== 'merged' && o.status !== 'declined');
    }
    return detail;
  }

  override render() {
    return renderLoad(this.load, (d) => this.renderDetail(d));
  }

  private renderDetail(d: ProposalDetail) {
    const p = d.proposal;
    const committee = rolesAt(p.compoundId).some((r) => (COMPOUND_STAFF as readonly string[]).includes(r));
    return html`<h1>${p.title}</h1>
      <p class="lead">${t('proposals.by', { name: p.authorName })} · ${formatDateTime(p.createdAt)}</p>
      <p><strong>${p.statusText}</strong></p>
      <p style="white-space:pre-wrap">${p.body}</p>
      <div class="card">
        <p>${t('proposals.seconds', { count: p.seconds })}${p.needed > 0 ? html` · ${t('proposals.needed', { count: p.needed })}` : nothing}</p>
        <p class="muted">${p.thresholdText}</p>
        ${d.me?.seconded ? html`<p><strong>✓ ${t('proposals.seconded')}</strong></p>` : nothing}
        ${d.me?.canSecond && !d.me.seconded ? html`<sl-button variant="primary" size="large" @click=${() => this.second()}>${t('proposals.second')}</sl-button>` : nothing}
      </div>
      ${p.decisionReason ? html`<p>${t('proposals.decisionReason', { reason: p.decisionReason })}</p>` : nothing}
      ${p.voteId ? html`<p><a class="link-button" href=${`/votes/${p.voteId}`}>${t('votes.view')}</a></p>` : nothing}
      ${this.error ? html`<sl-alert variant="danger" open><span role="alert">${this.error}</span></sl-alert>` : nothing}
      ${committee && (p.status === 'qualified' || p.status === 'seconding') ? this.renderCommittee(p) : nothing}
      <h2>${t('proposals.history')}</h2>
      <ol>
        ${d.history.map((h) => html`<li>${formatDateTime(h.at)} · <strong>${h.statusText}</strong> · ${h.actorName}${h.note ? html`：${h.note}` : nothing}</li>`)}
      </ol>`;
  }

  private renderCommittee(p: ProposalDetail['proposal']) {
    return html`<h2>${t('proposals.committee')}</h2>
      <div class="card" style="display:grid;gap:.75rem">
        ${p.status === 'qualified'
          ? html`<div class="actions">
              <sl-button @click=${() => this.decide({ action: 'put_on_agenda' })}>${t('proposals.putOnAgenda')}</sl-button>
              <a class="link-button" href=${`/compounds/${p.compoundId}/votes/new?proposalId=${p.id}`}>${t('proposals.putToVote')}</a>
            </div>`
          : nothing}
        ${this.others.length
          ? html`<label
              >${t('proposals.mergeInto')}
              <select id="merge-into" style="font:inherit;min-height:2.75rem;width:100%">
                ${this.others.map((o) => html`<option value=${o.id}>${o.title}</option>`)}
              </select>
            </label>
            <sl-button @click=${() => this.decide({ action: 'merge', intoProposalId: (this.renderRoot.querySelector('#merge-into') as HTMLSelectElement).value })}>${t('proposals.merge')}</sl-button>`
          : nothing}
        <sl-textarea id="reason" label=${t('proposals.reason')} rows="3"></sl-textarea>
        <sl-button variant="danger" @click=${() => this.decide({ action: 'decline', reason: (this.renderRoot.querySelector('#reason') as HTMLTextAreaElement).value })}>${t('proposals.decline')}</sl-button>
      </div>`;
  }

  private async second() {
    this.error = '';
    try {
      await api.post(`/api/proposals/${this.load.value!.proposal.id}/seconds`, {});
      await this.load.reload();
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
    }
  }

  private async decide(body: Record<string, unknown>) {
    this.error = '';
    try {
      await api.post(`/api/proposals/${this.load.value!.proposal.id}/decision`, body);
      await this.load.reload();
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
    }
  }
}
