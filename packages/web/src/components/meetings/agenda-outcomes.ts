/**
 * The frozen agenda of a council with an outcome per item: agreed (by which parties), deferred, put
 * to an owners' vote, or turned into an action item. Runners record outcomes; recorders can put an
 * item on the hall screen.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { OUTCOME_KINDS, OUTCOME_LABELS, PARTIES, PARTY_LABELS, type OutcomeKind, type Party } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { pick, t } from '../../i18n.js';
import type { AgendaItemView, MeetingView } from '../../pages/meetings/meeting-types.js';
import { pageStyles } from '../../styles/page-styles.js';

@customElement('yishi-agenda-outcomes')
export class AgendaOutcomes extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        display: grid;
        gap: var(--yishi-gap);
      }
      fieldset {
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        margin: 0.5rem 0;
      }
      label {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        min-height: var(--yishi-tap);
      }
      textarea,
      input[type='text'] {
        box-sizing: border-box;
        width: 100%;
        font: inherit;
        padding: 0.5rem;
        border: 1px solid #6b6b6b;
        border-radius: 6px;
      }
      .outcome {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) view!: MeetingView;
  @state() private editing: string | null = null;
  @state() private draft: { outcome: OutcomeKind; parties: Set<Party>; note: string; unit: string } = { outcome: 'agreed', parties: new Set(), note: '', unit: '' };

  private changed() {
    this.dispatchEvent(new CustomEvent('meeting-changed', { bubbles: true, composed: true }));
  }

  private edit(item: AgendaItemView) {
    this.editing = item.id;
    this.draft = { outcome: item.outcome ?? 'agreed', parties: new Set(item.agreedParties), note: item.outcomeNote, unit: '' };
  }

  private async save(item: AgendaItemView) {
    try {
      await api.put(`/api/meetings/${this.view.meeting.id}/agenda-items/${item.id}/outcome`, {
        outcome: this.draft.outcome,
        agreedParties: [...this.draft.parties],
        note: this.draft.note,
        ...(this.draft.unit ? { responsibleUnit: this.draft.unit } : {}),
      });
      this.editing = null;
      notify(t('meeting.done', { what: t('meeting.recordOutcome') }), 'success');
      this.changed();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }

  private async showOnHall(item: AgendaItemView) {
    try {
      await api.put(`/api/meetings/${this.view.meeting.id}/hall`, { agendaItemId: item.id });
      this.changed();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }

  override render() {
    const { view } = this;
    const canRecord = view.permissions.run && (view.meeting.status === 'in_session' || view.meeting.status === 'closed') && view.meeting.kind === 'four_party';
    return html`<ol>
      ${view.agendaItems.map(
        (item) => html`<li class="card">
          <h3>${item.position}. ${item.title}</h3>
          <p class="muted">${item.party ? pick(PARTY_LABELS[item.party as Party]) : ''}${item.minutes ? ` · ${item.minutes} 分钟` : ''}</p>
          ${item.notes ? html`<p>${item.notes}</p>` : nothing}
          ${view.meeting.kind === 'four_party'
            ? html`<p>
                ${t('meeting.outcome')}：
                ${item.outcome ? html`<span class="outcome">${pick(OUTCOME_LABELS[item.outcome])}</span>` : html`<span class="muted">${t('meeting.noOutcome')}</span>`}
                ${item.outcome === 'agreed' ? html`<br />${t('meeting.agreedBy', { parties: item.agreedParties.map((p) => pick(PARTY_LABELS[p])).join('、') })}` : nothing}
                ${item.outcomeNote ? html`<br />${item.outcomeNote}` : nothing}
                ${item.actionItemId ? html`<br /><a href=${`/action-items/${item.actionItemId}`}>${t('meeting.actionItemLink')}</a>` : nothing}
              </p>`
            : nothing}
          <div class="actions">
            ${canRecord && this.editing !== item.id ? html`<sl-button size="small" @click=${() => this.edit(item)}>${t('meeting.recordOutcome')}</sl-button>` : nothing}
            ${view.permissions.record && view.meeting.status === 'in_session'
              ? view.meeting.hall.agendaItemId === item.id
                ? html`<span class="muted">${t('meeting.onHall')}</span>`
                : html`<sl-button size="small" @click=${() => this.showOnHall(item)}>${t('meeting.showOnHall')}</sl-button>`
              : nothing}
          </div>
          ${this.editing === item.id ? this.renderForm(item) : nothing}
        </li>`,
      )}
    </ol>`;
  }

  private renderForm(item: AgendaItemView) {
    const d = this.draft;
    return html`<form @submit=${(e: Event) => (e.preventDefault(), void this.save(item))}>
      <fieldset>
        <legend>${t('meeting.outcome')}</legend>
        ${OUTCOME_KINDS.map(
          (k) => html`<label><input type="radio" name="outcome" .checked=${d.outcome === k} @change=${() => (this.draft = { ...d, outcome: k })} />${pick(OUTCOME_LABELS[k])}</label>`,
        )}
      </fieldset>
      ${d.outcome === 'agreed'
        ? html`<fieldset>
            <legend>${t('meeting.agreedBy', { parties: '' })}</legend>
            ${PARTIES.map(
              (p) => html`<label
                ><input
                  type="checkbox"
                  .checked=${d.parties.has(p)}
                  @change=${(e: Event) => {
                    const next = new Set(d.parties);
                    if ((e.target as HTMLInputElement).checked) next.add(p);
                    else next.delete(p);
                    this.draft = { ...d, parties: next };
                  }}
                />${pick(PARTY_LABELS[p])}</label
              >`,
            )}
          </fieldset>`
        : nothing}
      ${d.outcome === 'action_items'
        ? html`<p><label style="display:block">${t('meeting.responsibleUnit')}<input type="text" .value=${d.unit} @input=${(e: Event) => (this.draft = { ...d, unit: (e.target as HTMLInputElement).value })} /></label></p>`
        : nothing}
      <p><label style="display:block">${t('meeting.outcomeNote')}<textarea .value=${d.note} @input=${(e: Event) => (this.draft = { ...d, note: (e.target as HTMLTextAreaElement).value })}></textarea></label></p>
      <div class="actions">
        <sl-button type="submit" variant="primary">${t('questions.save')}</sl-button>
        <sl-button @click=${() => (this.editing = null)}>${t('questions.cancel')}</sl-button>
      </div>
    </form>`;
  }
}
