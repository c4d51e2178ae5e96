/**
 * A resident reports a concern online (码上反映), reached from the board's QR code or link, and sees
 * the concerns they reported with progress, deadline and sign-off number — and rates them there.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { RESPONSE_LEVELS, RESPONSE_LEVEL_LABELS } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import { badgeStyles, dueText, overdueBadge, statusBadge, type ActionItemView } from '../../components/action-items/action-item-badges.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';

@customElement('yishi-concern-page')
export class ConcernPage extends LitElement {
  static override styles = [
    pageStyles,
    badgeStyles,
    css`
      form {
        display: grid;
        gap: 0.9rem;
      }
      ul.mine {
        list-style: none;
        padding: 0 1rem;
        margin: 0;
      }
      ul.mine li {
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private busy = false;
  @state() private message: { ok: boolean; text: string } | null = null;
  private readonly prefs = new PreferencesController(this);
  private readonly mine = new LoadController<{ items: ActionItemView[] }>(
    this,
    (signal) => api.get(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/concerns/mine`, signal),
    () => [this.params.compoundId],
  );

  override render() {
    return html`<h1>${t('concern.heading')}</h1>
      <p class="lead">${t('concern.intro')}</p>
      ${this.message
        ? html`<sl-alert variant=${this.message.ok ? 'success' : 'danger'} open><p role=${this.message.ok ? 'status' : 'alert'}>${this.message.text}</p></sl-alert>`
        : nothing}
      <form class="card" @submit=${(e: Event) => void this.submit(e)}>
        <sl-input name="title" label=${t('concern.title')} required maxlength="120"></sl-input>
        <sl-textarea name="description" label=${t('concern.description')} required rows="4" maxlength="4000"></sl-textarea>
        <sl-input name="location" label=${t('concern.location')} maxlength="120"></sl-input>
        <sl-select name="urgency" label=${t('concern.urgency')} value="none">
          <sl-option value="none">${t('concern.notUrgent')}</sl-option>
          ${RESPONSE_LEVELS.map((l) => html`<sl-option value=${l}>${pick(RESPONSE_LEVEL_LABELS[l])}</sl-option>`)}
        </sl-select>
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.busy}>${t('concern.submit')}</sl-button>
      </form>
      <h2>${t('concern.mine')}</h2>
      ${renderLoad(this.mine, (v) =>
        v.items.length === 0
          ? renderEmpty(t('concern.noneYet'))
          : html`<ul class="mine card">
              ${v.items.map(
                (i) => html`<li class=${i.overdue ? 'is-overdue' : ''}>
                  <a href=${`/action-items/${i.id}`}>${i.title}</a><br />
                  ${statusBadge(i.status)} ${overdueBadge(i.overdue)} ${t('ai.colDue')}：${dueText(i)}
                  ${i.signOffNumber ? html` · <span class="number">${i.signOffNumber}</span>` : nothing}
                </li>`,
              )}
            </ul>`,
      )}`;
  }

  private value(name: string): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`[name="${name}"]`)?.value ?? '').trim();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const title = this.value('title');
    const description = this.value('description');
    if (!title || !description) {
      this.message = { ok: false, text: t('concern.required') };
      return;
    }
    const urgency = this.value('urgency');
    this.busy = true;
    try {
      const created = await api.post<ActionItemView>(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/concerns`, {
        title,
        description,
        location: this.value('location'),
        urgency: urgency === 'none' || urgency === '' ? null : urgency,
      });
      this.message = { ok: true, text: t('concern.submitted', { date: formatDate(created.dueDate) }) };
      form.reset();
      for (const name of ['title', 'description', 'location']) {
        const el = this.renderRoot.querySelector<HTMLElement & { value?: string }>(`[name="${name}"]`);
        if (el) el.value = '';
      }
      await this.mine.reload();
    } catch (error) {
      this.message = { ok: false, text: isApiError(error) ? error.message : String(error) };
    } finally {
      this.busy = false;
    }
  }
}
