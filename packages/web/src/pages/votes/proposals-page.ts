/**
 * A compound's resident proposals: progress towards the seconding threshold, and a form to propose,
 * each problem under its field. Native controls: residents open it on a phone; no Shoelace.
 */
import { proposalEndpoints, type ProposalView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
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
import { colon } from '../../components/votes/vote-words.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { textField } from '../../components/forms/text-field.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

@customElement('yishi-proposals-page')
export class ProposalsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .proposal h2 {
        margin: 0 0 0.35rem;
        font-size: 1.2rem;
      }
      textarea.input {
        min-height: 8rem;
      }
      form .alert {
        margin: 0;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private newTitle = '';
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
    const bodyHint = t('proposals.bodyHint');
    return html`<h2 id="new">${t('proposals.new')}</h2>
      <form class="card fields" @submit=${this.submit} aria-labelledby="new" novalidate>
        ${textField({
          name: 'title',
          label: t('proposals.titleLabel'),
          value: this.newTitle,
          error: e.title,
          hint: t('proposals.titleHint'),
          maxlength: 80,
          onInput: (value) => {
            this.newTitle = value;
            this.write.clearField('title');
          },
        })}
        ${nativeField(
          'body',
          t('proposals.bodyLabel'),
          html`<textarea
            class="input"
            id="body"
            name="body"
            maxlength="4000"
            rows="5"
            @input=${() => this.write.clearField('body')}
            ${fieldProblem('body', e.body, bodyHint)}
          ></textarea>`,
          e.body,
          bodyHint,
        )}
        ${this.write.error ? html`<div class="alert danger form-error"><p role="alert">${this.write.error}</p></div>` : nothing} ${this.fieldErrorSummary()}
        <div>
          <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
            ${t('proposals.submit')}
          </button>
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
    if (this.write.busy) return;
    const form = event.target as HTMLFormElement;
    const body = form.querySelector<HTMLTextAreaElement>('[name="body"]')?.value ?? '';
    const created = await this.write.run(
      () => api.call(proposalEndpoints.submit, { params: { compoundId: this.params.compoundId ?? '' }, body: { title: this.newTitle, body } }),
      {
        fields: ['title', 'body'],
        errorAs: 'inline',
      },
    );
    // To the new proposal, unless the visitor has left this page while it was being submitted.
    if (created && this.isConnected) navigate(`/proposals/${created.id}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proposals-page': ProposalsPage;
  }
}
