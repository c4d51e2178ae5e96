/**
 * The questions of an evening talk with the live counts (raised / answered on the spot / listed),
 * a page at a time (加载更多 or on scrolling to the end).
 * Staff record questions from the floor and handle each one: answer on the spot, put it on the
 * question list (it becomes an action item), or merge it into a duplicate; an answer may be corrected
 * until the minutes are published (answer-correction.ts).
 * Every such write goes through the outbox (offline/outbox.ts), online or not: what waits shows as
 * 待发送 (question-outbox.ts), what the server refused in a box with its reason. With no network the
 * list shows the page last loaded, saved on the device, and says from when.
 *
 * Staff use it on a phone in the hall: native buttons and fields (button-styles.ts,
 * native-field-styles.ts), no Shoelace.
 */
import {
  DEFAULT_DEADLINE_WORKDAYS,
  QUESTION_CATEGORY_LABELS,
  chinaDate,
  eveningTalkEndpoints,
  meetingEndpoints,
  questionsOpen,
  recordingOpen,
  type MeetingView,
  type QuestionCounts,
  type QuestionList,
  type QuestionView,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { pageOrKept } from '../../offline/kept-answer.js';
import { enqueue, localIdOf, serverIdOf, type OutboxKind } from '../../offline/outbox.js';
import { currentMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { focusControl } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import { renderMore } from '../common/load-more.js';
import { renderLoad } from '../common/load-state.js';
import { correctButton, correctedNote, correctionHint, correctionOf, correctionRefusal, mayCorrect, type Correction } from './answer-correction.js';
import { announceMeetingChanged, buildingLabel } from './meeting-ui.js';
import { OutboxController, outboxStyles, pendingBadge } from './question-outbox.js';
import './question-form.js';
import '../action-items/responsible-unit-field.js';
import '../action-items/deadline-field.js';

/** `id`: the question's row (rowKey): the local id of a question recorded here, which keeps its row when it goes out. */
type Mode = { id: string; kind: 'answer' | 'list' | 'merge' } | Correction | null;
/** A question's row on screen: one recorded on this page keeps its local id's row when the server's id comes. */
const rowKey = (q: QuestionView): string => localIdOf(q.id) ?? q.id;
type Field = 'answer' | 'answeredByName' | 'measures' | 'responsibleUnit' | 'deadlineWorkdays' | 'intoQuestionId';
const FIELDS: readonly Field[] = ['answer', 'answeredByName', 'measures', 'responsibleUnit', 'deadlineWorkdays', 'intoQuestionId'];

@customElement('yishi-questions-panel')
export class QuestionsPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    outboxStyles,
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
      .counts {
        font-size: 1.1rem;
        font-weight: 600;
      }
      form.fields {
        margin-top: 0.75rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      textarea.input {
        min-height: 5.5rem;
      }
    `,
  ];

  @property({ attribute: false }) view!: MeetingView;
  @state() private mode: Mode = null;
  @state() private showForm = false;
  @state() private unitError = '';
  @state() private deadlineError = '';
  /** When the list shown was saved, if it could not be loaded (offline); null when it is live. */
  @state() private offlineSince: string | null = null;
  private readonly write = new WriteController<Field>(this);

  /** The questions a page at a time (100 by default: a talk's usually fit one page), with the counts of all. */
  private readonly questions = new PagedController<QuestionView, QuestionList>(
    this,
    (after, signal) => this.loadPage(after, signal),
    () => [this.view?.meeting.id],
  );

  /** This meeting's writes waiting in the outbox; when the server took or refused some, the list and the meeting reload. */
  private readonly outbox = new OutboxController(
    this,
    () => this.view?.meeting.id,
    () => {
      // In place: a form open on another question keeps what is being typed into it.
      void this.questions.reload({ quiet: true });
      announceMeetingChanged(this);
    },
  );

  /** A page from the server (the first one kept on the device, offline/kept-answer.ts); offline, the first page kept last time. */
  private async loadPage(after: string | undefined, signal: AbortSignal): Promise<QuestionList> {
    const meetingId = this.view.meeting.id;
    const fetch = () => api.call(eveningTalkEndpoints.questions, { params: { meetingId }, query: { after }, signal });
    const { value, savedAt } = await pageOrKept(`questions/${meetingId}`, after, fetch);
    if (after === undefined) this.offlineSince = savedAt && savedAt.toISOString();
    return value;
  }

  private value(name: Field): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`form [name="${name}"]`)?.value ?? '').trim();
  }

  /** Into the outbox, and out at once when the network allows (q.id may be a question still waiting there). */
  private handle(q: QuestionView, kind: Exclude<OutboxKind, 'record'>): Promise<{ sent: boolean }> {
    const meetingId = this.view.meeting.id;
    if (kind === 'answer' || kind === 'correct')
      return enqueue(kind, meetingId, { answer: this.value('answer'), answeredByName: this.value('answeredByName') }, q.id);
    if (kind === 'list') {
      const unit = this.renderRoot.querySelector('yishi-responsible-unit-field')?.value ?? '';
      const deadlineWorkdays = this.renderRoot.querySelector('yishi-deadline-field')?.workdays ?? DEFAULT_DEADLINE_WORKDAYS;
      // The day it is listed, which its working days count from even if the outbox sends it days later (core's deadlineCountsFrom).
      const listedOn = chinaDate(new Date());
      return enqueue('list', meetingId, { measures: this.value('measures'), ...(unit ? { responsibleUnit: unit } : {}), deadlineWorkdays, listedOn }, q.id);
    }
    return enqueue('merge', meetingId, { intoQuestionId: this.value('intoQuestionId') }, q.id);
  }

  private async act(event: Event, q: QuestionView) {
    event.preventDefault();
    if (!this.mode) return;
    // A department chosen but not named would list the item with no responsible unit: say so instead.
    this.unitError = this.mode.kind === 'list' && this.renderRoot.querySelector('yishi-responsible-unit-field')?.departmentMissing ? t('ai.required') : '';
    // Working days that are not a whole number from 1 to 60 are said under the field, never sent as 5 unseen.
    const deadline = this.mode.kind === 'list' ? this.renderRoot.querySelector('yishi-deadline-field') : null;
    this.deadlineError = deadline?.problem ?? '';
    if (this.unitError) return;
    if (deadline && this.deadlineError) {
      void focusControl(deadline, 'deadlineWorkdays');
      return;
    }
    const { kind } = this.mode;
    // Nothing is chosen for the worker: a merge into whichever question came first would be the wrong one, unseen.
    if (kind === 'merge' && !this.value('intoQuestionId')) {
      this.write.clear();
      this.write.fieldErrors = { intoQuestionId: t('questions.mergeTargetRequired') };
      this.renderRoot.querySelector<HTMLSelectElement>('#action-intoQuestionId')?.focus();
      return;
    }
    const done = await this.write.run(() => this.handle(q, kind), {
      fields: FIELDS,
      // A correction refused (the minutes published meanwhile) is said under its form, which keeps the words.
      ...(kind === 'correct' ? { errorAs: 'inline' as const } : {}),
      form: { closed: () => this.mode?.id !== rowKey(q), notSaved: (why) => t('questions.notSaved', { number: q.number, why }) },
    });
    if (!done) return;
    // Only this question's form closes: on a slow phone the next one may have been opened (and typed
    // into) while this one was being saved.
    if (this.mode?.id === rowKey(q)) this.mode = null;
    // Sent: the outbox's "sent" reloads the list. Waiting: the question shows it.
    if (!done.sent) notify(t('questions.outbox.queued'), 'primary');
  }

  private async showOnHall(q: QuestionView) {
    const shown = await this.write.run(() =>
      api.call(meetingEndpoints.setHallFocus, { params: { meetingId: this.view.meeting.id }, body: { questionId: serverIdOf(q.id) ?? q.id } }),
    );
    if (shown) announceMeetingChanged(this);
  }

  /** The form's toast has said it (with the question's number once sent); the outbox reloads the list. */
  private readonly formDone = (e: Event) => {
    this.showForm = false;
    e.stopPropagation();
  };

  private open(mode: Mode) {
    this.write.clear();
    this.unitError = '';
    this.deadlineError = '';
    this.mode = mode;
  }

  override render() {
    return html`${renderLoad(this.questions, ({ counts }) => this.renderList([...this.questions.items, ...this.outbox.pendingQuestions(new Set(this.questions.items.map((q) => q.id)))], counts))}${renderMore(
      this.questions,
    )}`;
  }

  private renderList(questions: QuestionView[], counts: QuestionCounts) {
    const { view } = this;
    const status = view.meeting.status;
    const canHandle = view.permissions.record && recordingOpen(status);
    const canRecord = view.permissions.record && questionsOpen(status);
    const canCorrect = mayCorrect(view);
    const byId = new Map(questions.map((q) => [q.id, q]));
    return html`
      <p class="counts" role="status" aria-live="polite">
        ${t('questions.counts', { raised: counts.raised, answered: counts.answered, listed: counts.listed })}${
          // Merged into another, a question is not counted as raised, but it is still on the list below.
          counts.merged > 0 ? t('questions.countsMerged', { merged: counts.merged }) : ''
        }
      </p>
      ${counts.open ? html`<p class="muted">${t('questions.open', { open: counts.open })}</p>` : nothing}
      ${this.outbox.waiting.length ? html`<p class="outbox-count">${pendingBadge()} ${t('questions.outbox.pendingCount', { count: this.outbox.waiting.length })}</p>` : nothing}
      ${
        this.offlineSince
          ? html`<p class="muted offline-note" role="status">
              ${t('questions.outbox.offlineNote', { time: new Date(this.offlineSince).toTimeString().slice(0, 5) })}
            </p>`
          : nothing
      }
      <yishi-question-outbox-rejected .entries=${this.outbox.rejected} .questionOf=${(id: string) => byId.get(id)}></yishi-question-outbox-rejected>
      ${
        canRecord
          ? this.showForm
            ? html`<div class="card">
                <h3>${t('questions.record')}</h3>
                <yishi-question-form
                  staff
                  .meetingId=${view.meeting.id}
                  @question-submitted=${this.formDone}
                  @question-queued=${this.formDone}
                ></yishi-question-form>
              </div>`
            : html`<div class="actions"><button class="button primary" @click=${() => (this.showForm = true)}>${t('questions.record')}</button></div>`
          : nothing
      }
      ${questions.length === 0 ? html`<p class="state-empty">${t('questions.none')}</p>` : nothing}
      <ol>
        ${repeat(questions, rowKey, (q) => {
          const target = q.mergedIntoId ? byId.get(q.mergedIntoId) : undefined;
          const asker = q.anonymous ? t('questions.anonymousLabel') : (q.askerName ?? '');
          const pending = q.id.startsWith('local:') && !serverIdOf(q.id);
          const action = this.outbox.pendingActionOn(q.id);
          return html`<li class="card question ${pending ? 'pending' : ''}" data-number=${q.number} data-pending=${pending ? 'yes' : nothing}>
            <h3>${pending ? pendingBadge() : `${q.number}.`} ${q.text}</h3>
            <p class="muted">
              ${[pick(QUESTION_CATEGORY_LABELS[q.category]), q.buildingName ? buildingLabel(q.buildingName) : '', asker].filter(Boolean).join(' · ')}
            </p>
            <p>
              ${
                action
                  ? html`<span class="pending-badge">${t('questions.outbox.pendingAction', { action: t(`questions.outbox.kind.${action.kind}`) })}</span>`
                  : pending
                    ? nothing
                    : html`<span class="q-status ${q.status}">${t(`questions.status.${q.status}`)}</span>`
              }
              ${q.status === 'answered' && q.answer ? html`<br />${t('questions.answerBy', { name: q.answeredByName ?? '' })}${q.answer}${correctedNote(q)}` : nothing}
              ${
                q.status === 'listed'
                  ? html`<br />${t('questions.measuresLine', { measures: q.measures ?? '' })}${
                        q.actionItemId ? html` · <a href=${`/action-items/${q.actionItemId}`}>${t('meeting.actionItemLink')}</a>` : nothing
                      }`
                  : nothing
              }
              ${q.status === 'merged' && target ? html`<br />${t('questions.mergedInto', { number: target.number })}` : nothing}
            </p>
            ${
              canHandle && q.status === 'raised' && !action && this.mode?.id !== rowKey(q)
                ? html`<div class="actions">
                    <button class="button primary" @click=${() => this.open({ id: rowKey(q), kind: 'answer' })}>${t('questions.answer')}</button>
                    <button class="button" @click=${() => this.open({ id: rowKey(q), kind: 'list' })}>${t('questions.list')}</button>
                    <button class="button" @click=${() => this.open({ id: rowKey(q), kind: 'merge' })}>${t('questions.merge')}</button>
                    ${status === 'in_session' && !view.meeting.recorded && !pending ? html`<button class="button" @click=${() => this.showOnHall(q)}>${t('meeting.showOnHall')}</button>` : nothing}
                  </div>`
                : nothing
            }
            ${canCorrect && q.status === 'answered' && !action && this.mode?.id !== rowKey(q) ? correctButton(() => this.open(correctionOf(rowKey(q), q))) : nothing}
            ${this.mode?.id === rowKey(q) ? this.renderAction(q, questions) : nothing}
          </li>`;
        })}
      </ol>
    `;
  }

  /** A native field with its label, and its problem under it (read with it). */
  private field(name: Field, label: string, options: { multiline?: boolean; maxlength?: number; value?: string } = {}) {
    const error = this.write.fieldErrors[name];
    const id = `action-${name}`;
    const control = options.multiline
      ? html`<textarea class="input" id=${id} name=${name} rows="3" maxlength="2000" .value=${options.value ?? ''} ${fieldProblem(id, error)}></textarea>`
      : html`<input
          class="input"
          id=${id}
          name=${name}
          maxlength=${options.maxlength ?? 60}
          .value=${options.value ?? ''}
          autocomplete="off"
          ${fieldProblem(id, error)}
        />`;
    return nativeField(id, label, control, error);
  }

  /** The answer's fields: empty, with the worker as the answerer; correcting, the answer as it was. */
  private answerFields(mode: NonNullable<Mode>) {
    // Most answers are the worker's own: their name is there, to keep, or to change for the official who spoke.
    const was = mode.kind === 'correct' ? mode : { answer: '', answeredByName: currentMe()?.displayName ?? '' };
    return html`${this.field('answer', t('questions.answerText'), { multiline: true, value: was.answer })}
    ${this.field('answeredByName', t('questions.answeredBy'), { value: was.answeredByName })} ${mode.kind === 'correct' ? correctionHint() : nothing}`;
  }

  private renderAction(q: QuestionView, all: QuestionView[]) {
    const mode = this.mode!;
    const kind = mode.kind;
    const error = this.write.fieldErrors.intoQuestionId;
    const targets = all.filter((o) => o.id !== q.id && o.status !== 'merged' && !o.id.startsWith('local:'));
    return html`<form class="fields" @submit=${(e: Event) => void this.act(e, q)} novalidate>
      ${
        kind === 'answer' || kind === 'correct'
          ? this.answerFields(mode)
          : kind === 'list'
            ? html`${this.field('measures', t('questions.measures'), { multiline: true })}
                <yishi-responsible-unit-field optional error=${this.unitError || (this.write.fieldErrors.responsibleUnit ?? '')}></yishi-responsible-unit-field>
                <yishi-deadline-field
                  error=${this.deadlineError || (this.write.fieldErrors.deadlineWorkdays ?? '')}
                  @input=${() => (this.deadlineError = '')}
                ></yishi-deadline-field>`
            : nativeField(
                'action-intoQuestionId',
                t('questions.mergeTarget'),
                html`<select class="input" id="action-intoQuestionId" name="intoQuestionId" ${fieldProblem('action-intoQuestionId', error)}>
                  <option value="">${t('questions.mergeTargetPlaceholder')}</option>
                  ${targets.map((o) => html`<option value=${o.id}>${o.number}. ${o.text.slice(0, 30)}</option>`)}
                </select>`,
                error,
              )
      }
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.write.busy} aria-busy=${this.write.busy}>
          ${kind === 'correct' ? t('questions.correctSave') : t('questions.save')}
        </button>
        <button class="button" type="button" @click=${() => this.open(null)}>${t('questions.cancel')}</button>
      </div>
      ${kind === 'correct' ? correctionRefusal(this.write.error) : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-questions-panel': QuestionsPanel;
  }
}
