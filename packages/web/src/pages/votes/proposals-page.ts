/** A compound's resident proposals: progress towards the seconding threshold, and a form to propose. */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { t } from '../../i18n.js';
import { rolesAt } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';

export interface ProposalView {
  id: string;
  title: string;
  body: string;
  status: string;
  statusText: string;
  authorName: string;
  seconds: number;
  needed: number;
  thresholdText: string;
  decisionReason: string | null;
  voteId: string | null;
  createdAt: string;
}

@customElement('yishi-proposals-page')
export class ProposalsPage extends LitElement {
  static override styles = [pageStyles];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private error = '';
  @state() private busy = false;
  private readonly prefs = new PreferencesController(this);
  private readonly load = new LoadController<{ proposals: ProposalView[] }>(
    this,
    (signal) => api.get(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/proposals`, signal),
    () => [this.params.compoundId],
  );

  override render() {
    const compoundId = this.params.compoundId ?? '';
    const mayPropose = rolesAt(compoundId).some((r) => r === 'owner' || r === 'resident');
    return html`<h1>${t('proposals.heading')}</h1>
      <p class="lead">${t('proposals.intro')}</p>
      ${renderLoad(this.load, ({ proposals }) =>
        proposals.length === 0
          ? renderEmpty(t('proposals.empty'))
          : proposals.map(
              (p) => html`<article class="card">
                <h2 style="margin:0 0 .35rem;font-size:1.2rem"><a href=${`/proposals/${p.id}`}>${p.title}</a></h2>
                <p><strong>${p.statusText}</strong> · ${t('proposals.seconds', { count: p.seconds })}${p.needed > 0 && p.status === 'seconding' ? html` · ${t('proposals.needed', { count: p.needed })}` : nothing}</p>
                ${p.decisionReason ? html`<p>${t('proposals.decisionReason', { reason: p.decisionReason })}</p>` : nothing}
              </article>`,
            ),
      )}
      ${mayPropose
        ? html`<h2 id="new">${t('proposals.new')}</h2>
            <form class="card" style="display:grid;gap:1rem" @submit=${this.submit} aria-labelledby="new">
              <sl-input name="title" label=${t('proposals.titleLabel')} required minlength="4" maxlength="80" size="large"></sl-input>
              <sl-textarea name="body" label=${t('proposals.bodyLabel')} required minlength="10" maxlength="4000" rows="5" size="large"></sl-textarea>
              ${this.error ? html`<sl-alert variant="danger" open><span role="alert">${this.error}</span></sl-alert>` : nothing}
              <sl-button type="submit" variant="primary" size="large" ?loading=${this.busy}>${t('proposals.submit')}</sl-button>
            </form>`
        : nothing}`;
  }

  private async submit(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
    this.busy = true;
    this.error = '';
    try {
      const { id } = await api.post<{ id: string }>(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/proposals`, { title: value('title'), body: value('body') });
      navigate(`/proposals/${id}`);
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
