/** A compound's resident proposals: progress towards the seconding threshold, and a form to propose. */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { proposalEndpoints, type ProposalView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderMore } from '../../components/common/load-more.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { rolesAt } from '../../state/session.js';
import { currentLocale } from '../../state/preferences.js';
import { formStyles } from '../../styles/form-styles.js';
import { colon } from '../../components/votes/vote-words.js';

@customElement('yishi-proposals-page')
export class ProposalsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    css`
      .proposal h2 {
        margin: 0 0 0.35rem;
        font-size: 1.2rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly write = new WriteController<'title' | 'body'>(this);
  // Statuses and thresholds come in the reader's language: a switch of language reads them again.
  // Newest first, a page at a time (加载更多, or on scrolling to the end).
  private readonly load = new PagedController<ProposalView>(
    this,
    (after, signal) => api.call(proposalEndpoints.list, { params: { compoundId: this.params.compoundId ?? '' }, query: { after }, signal }),
    () => [this.params.compoundId, currentLocale()],
  );

  override render() {
    const compoundId = this.params.compoundId ?? '';
    const mayPropose = rolesAt(compoundId).some((r) => r === 'owner' || r === 'resident');
    return html`<h1>${t('proposals.heading')}</h1>
      <p class="lead">${t('proposals.intro')}</p>
      ${renderLoad(this.load, () => (this.load.items.length === 0 ? renderEmpty(t('proposals.empty')) : this.load.items.map((p) => this.renderProposal(p))))}
      ${renderMore(this.load)} ${mayPropose ? this.renderForm() : nothing}`;
  }

  private renderProposal(p: ProposalView) {
    return html`<article class="card proposal">
      <h2><a href=${`/proposals/${p.id}`}>${p.title}</a></h2>
      <p>
        <strong>${p.statusText}</strong> ·
        ${t('proposals.seconds', { count: p.seconds })}${p.needed > 0 && p.status === 'seconding' ? html` · ${t('proposals.needed', { count: p.needed })}` : nothing}
      </p>
      ${p.decisionReason ? html`<p>${t('proposals.decisionReason', { reason: p.decisionReason })}</p>` : nothing}
    </article>`;
  }

  private renderForm() {
    const e = this.write.fieldErrors;
    return html`<h2 id="new">${t('proposals.new')}</h2>
      <form class="card fields" @submit=${this.submit} aria-labelledby="new" novalidate>
        <sl-input
          name="title"
          label=${t('proposals.titleLabel')}
          required
          minlength="4"
          maxlength="80"
          size="large"
          class=${e.title ? 'invalid' : ''}
          help-text=${e.title ?? ''}
        ></sl-input>
        <sl-textarea
          name="body"
          label=${t('proposals.bodyLabel')}
          required
          minlength="10"
          maxlength="4000"
          rows="5"
          size="large"
          class=${e.body ? 'invalid' : ''}
          help-text=${e.body ?? ''}
        ></sl-textarea>
        ${this.write.error ? html`<sl-alert class="form-error" variant="danger" open><p role="alert">${this.write.error}</p></sl-alert>` : nothing}
        ${this.fieldErrorSummary()}
        <div>
          <sl-button type="submit" variant="primary" size="large" ?loading=${this.write.busy}>${t('proposals.submit')}</sl-button>
        </div>
      </form>`;
  }

  /** Field problems read out once for screen readers (each is also shown under its field). */
  private fieldErrorSummary() {
    const labels = { title: t('proposals.titleLabel'), body: t('proposals.bodyLabel') };
    const problems = (['title', 'body'] as const).flatMap((f) => (this.write.fieldErrors[f] ? [`${labels[f]}${colon()}${this.write.fieldErrors[f]}`] : []));
    return problems.length ? html`<p class="visually-hidden" role="alert">${problems.join(' ')}</p>` : nothing;
  }

  private async submit(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? '';
    const created = await this.write.run(
      () => api.call(proposalEndpoints.submit, { params: { compoundId: this.params.compoundId ?? '' }, body: { title: value('title'), body: value('body') } }),
      {
        fields: ['title', 'body'],
        errorAs: 'inline',
      },
    );
    if (created) navigate(`/proposals/${created.id}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proposals-page': ProposalsPage;
  }
}
