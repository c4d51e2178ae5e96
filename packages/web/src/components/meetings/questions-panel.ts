/**
 * The questions of an evening talk with the live counts (raised / answered on the spot / listed).
 * Staff record questions from the floor and handle each one: answer on the spot, put it on the
 * question list (it becomes an action item), or merge it into a duplicate.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { QUESTION_CATEGORY_LABELS, type QuestionCategory, type QuestionCounts } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { LoadController } from '../../controllers/load-controller.js';
import { renderLoad } from '../common/load-state.js';
import { pick, t } from '../../i18n.js';
import type { MeetingView, QuestionView } from '../../pages/meetings/meeting-types.js';
import { pageStyles } from '../../styles/page-styles.js';
import './question-form.js';

type Mode = { id: string; kind: 'answer' | 'list' | 'merge' } | null;

@customElement('yishi-questions-panel')
export class QuestionsPanel extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      .q-status {
        font-weight: 600;
      }
      .q-status.raised {
        color: var(--yishi-warning-text);
      }
      .q-status.answered {
        color: var(--yishi-ok-text);
      }
      label {
        display: block;
        margin: 0.5rem 0 0.25rem;
      }
      textarea,
      input,
      select {
        box-sizing: border-box;
        width: 100%;
        font: inherit;
        min-height: var(--yishi-tap);
        padding: 0.5rem;
        border: 1px solid #6b6b6b;
        border-radius: 6px;
      }
      .counts {
        font-size: 1.1rem;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) view!: MeetingView;
  @property({ attribute: false }) buildings: Array<{ id: string; name: string }> = [];
  @state() private mode: Mode = null;
  @state() private showForm = false;

  private readonly questions = new LoadController<{ questions: QuestionView[]; counts: QuestionCounts }>(
    this,
    (signal) => api.get(`/api/meetings/${this.view.meeting.id}/questions`, signal),
    () => [this.view?.meeting.id],
  );

  private async act(q: QuestionView, form: HTMLFormElement) {
    const data = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    const base = `/api/meetings/${this.view.meeting.id}/questions/${q.id}`;
    try {
      if (this.mode?.kind === 'answer') await api.post(`${base}/answer`, { answer: data.answer, answeredByName: data.answeredByName });
      else if (this.mode?.kind === 'list') await api.post(`${base}/list`, { measures: data.measures ?? '', ...(data.unit ? { responsibleUnit: data.unit } : {}) });
      else if (this.mode?.kind === 'merge') await api.post(`${base}/merge`, { intoQuestionId: data.into });
      this.mode = null;
      await this.questions.reload();
      this.dispatchEvent(new CustomEvent('meeting-changed', { bubbles: true, composed: true }));
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }

  private async showOnHall(q: QuestionView) {
    try {
      await api.put(`/api/meetings/${this.view.meeting.id}/hall`, { questionId: q.id });
      this.dispatchEvent(new CustomEvent('meeting-changed', { bubbles: true, composed: true }));
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }

  override render() {
    return renderLoad(this.questions, ({ questions, counts }) => this.renderList(questions, counts));
  }

  private renderList(questions: QuestionView[], counts: QuestionCounts) {
    const { view } = this;
    const status = view.meeting.status;
    const canHandle = view.permissions.record && (status === 'in_session' || status === 'closed');
    const canRecord = view.permissions.record && (status === 'scheduled' || status === 'in_session');
    const byId = new Map(questions.map((q) => [q.id, q]));
    return html`
      <p class="counts" role="status" aria-live="polite">${t('questions.counts', { raised: counts.raised, answered: counts.answered, listed: counts.listed })}</p>
      ${counts.open ? html`<p class="muted">${t('questions.open', { open: counts.open })}</p>` : nothing}
      ${canRecord
        ? this.showForm
          ? html`<div class="card">
              <h3>${t('questions.record')}</h3>
              <yishi-question-form
                staff
                .meetingId=${view.meeting.id}
                .buildings=${this.buildings}
                @question-submitted=${(e: CustomEvent) => {
                  this.showForm = false;
                  notify(t('questions.submitted', { number: '' }), 'success');
                  e.stopPropagation();
                  void this.questions.reload();
                }}
              ></yishi-question-form>
            </div>`
          : html`<div class="actions"><sl-button variant="primary" @click=${() => (this.showForm = true)}>${t('questions.record')}</sl-button></div>`
        : nothing}
      ${questions.length === 0 ? html`<p class="state-empty">${t('questions.none')}</p>` : nothing}
      <ol>
        ${questions.map((q) => {
          const target = q.mergedIntoId ? byId.get(q.mergedIntoId) : undefined;
          return html`<li class="card question" data-number=${q.number}>
            <h3>${q.number}. ${q.text}</h3>
            <p class="muted">
              ${pick(QUESTION_CATEGORY_LABELS[q.category as QuestionCategory] ?? QUESTION_CATEGORY_LABELS.other)}
              ${q.buildingName ? ` · ${/^\d+$/.test(q.buildingName) ? `${q.buildingName}栋` : q.buildingName}` : ''}
              · ${q.anonymous ? t('questions.anonymousLabel') : (q.askerName ?? '')}
            </p>
            <p><span class="q-status ${q.status}">${t(`questions.status.${q.status}`)}</span>
              ${q.status === 'answered' && q.answer ? html`<br />${t('questions.answerBy', { name: q.answeredByName ?? '' })}${q.answer}` : nothing}
              ${q.status === 'listed' ? html`<br />${t('questions.measures')}：${q.measures ?? ''}${q.actionItemId ? html` · <a href=${`/action-items/${q.actionItemId}`}>${t('meeting.actionItemLink')}</a>` : nothing}` : nothing}
              ${q.status === 'merged' && target ? html`<br />${t('questions.mergedInto', { number: target.number })}` : nothing}
            </p>
            ${canHandle && q.status === 'raised' && this.mode?.id !== q.id
              ? html`<div class="actions">
                  <sl-button size="small" variant="primary" @click=${() => (this.mode = { id: q.id, kind: 'answer' })}>${t('questions.answer')}</sl-button>
                  <sl-button size="small" @click=${() => (this.mode = { id: q.id, kind: 'list' })}>${t('questions.list')}</sl-button>
                  <sl-button size="small" @click=${() => (this.mode = { id: q.id, kind: 'merge' })}>${t('questions.merge')}</sl-button>
                  ${status === 'in_session' ? html`<sl-button size="small" @click=${() => this.showOnHall(q)}>${t('meeting.showOnHall')}</sl-button>` : nothing}
                </div>`
              : nothing}
            ${this.mode?.id === q.id ? this.renderAction(q, questions) : nothing}
          </li>`;
        })}
      </ol>
    `;
  }

  private renderAction(q: QuestionView, all: QuestionView[]) {
    const kind = this.mode!.kind;
    return html`<form @submit=${(e: Event) => (e.preventDefault(), void this.act(q, e.target as HTMLFormElement))}>
      ${kind === 'answer'
        ? html`<label for="a-text">${t('questions.answerText')}</label><textarea id="a-text" name="answer" required></textarea>
            <label for="a-by">${t('questions.answeredBy')}</label><input id="a-by" name="answeredByName" required maxlength="60" />`
        : kind === 'list'
          ? html`<label for="l-measures">${t('questions.measures')}</label><textarea id="l-measures" name="measures"></textarea>
              <label for="l-unit">${t('meeting.responsibleUnit')}</label><input id="l-unit" name="unit" maxlength="60" />`
          : html`<label for="m-into">${t('questions.mergeTarget')}</label>
              <select id="m-into" name="into" required>
                ${all.filter((o) => o.id !== q.id && o.status !== 'merged').map((o) => html`<option value=${o.id}>${o.number}. ${o.text.slice(0, 30)}</option>`)}
              </select>`}
      <div class="actions">
        <sl-button type="submit" variant="primary">${t('questions.save')}</sl-button>
        <sl-button @click=${() => (this.mode = null)}>${t('questions.cancel')}</sl-button>
      </div>
    </form>`;
  }
}
