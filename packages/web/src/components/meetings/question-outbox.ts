/**
 * What the questions panel shows of the outbox (offline/outbox.ts): the entries of this meeting
 * that wait to be sent (questions recorded offline appear in the list with a 待发送 badge, and an
 * answer, a correction of one, a listing or merge waiting to be sent is shown on its question), and the ones the server
 * refused, in a box with its reason and the text, to copy, retry or discard. Nothing is lost.
 */
import type { QuestionView } from '@yishi/core';
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { notify } from '../../app/notify.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import {
  discardEntry,
  entryText,
  flushOutbox,
  onOutboxChange,
  onOutboxAnswered,
  outboxEntries,
  retryEntry,
  sentQuestionOf,
  serverIdOf,
  type OutboxEntry,
} from '../../offline/outbox.js';
import { YishiElement } from '../base/yishi-element.js';

/** The outbox entries of one meeting, kept current; `onAnswered` runs when the server accepted or refused something of a flush in this tab. */
export class OutboxController implements ReactiveController {
  entries: OutboxEntry[] = [];
  private justSent: QuestionView[] = [];
  private stops: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly meetingId: () => string | undefined,
    private readonly onAnswered: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stops = [onOutboxChange(() => void this.refresh()), onOutboxAnswered(this.onAnswered)];
    void this.refresh();
    // A page opened with entries left from an earlier visit (a tab closed offline) sends them now.
    void flushOutbox();
  }

  hostDisconnected(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  async refresh(): Promise<void> {
    const meetingId = this.meetingId();
    const before = this.waitingQuestions();
    this.entries = meetingId ? await outboxEntries(meetingId) : [];
    // A question that went out stays shown as it was until the list has it under the server's id (one bar of
    // signal: the list's reload takes a while), so a form open on it is not torn down meanwhile.
    const still = new Set(this.entries.map((e) => e.localId));
    for (const question of before) {
      const sent = still.has(question.id) ? undefined : sentQuestionOf(question.id);
      // Two refreshes at once both see it go: it is kept once.
      if (sent && !this.justSent.some((q) => q.id === question.id)) this.justSent.push({ ...question, number: sent.number });
    }
    this.host.requestUpdate();
  }

  get waiting(): OutboxEntry[] {
    return this.entries.filter((e) => e.status !== 'rejected');
  }

  get rejected(): OutboxEntry[] {
    return this.entries.filter((e) => e.status === 'rejected');
  }

  /**
   * The questions waiting (waitingQuestions), and those sent from here whose server id is not in `listed` (the list
   * shown) yet, with the number the server gave them (id: still the local one, which keys the row on screen:
   * `serverIdOf` gives the server's).
   */
  pendingQuestions(listed: ReadonlySet<string>): QuestionView[] {
    return [...this.justSent.filter((q) => !listed.has(serverIdOf(q.id)!)), ...this.waitingQuestions()];
  }

  /** Questions recorded here and not sent yet, shaped as the list's items (id: the local id). */
  waitingQuestions(): QuestionView[] {
    return this.waiting
      .filter((e) => e.kind === 'record')
      .map((e) => {
        const body = e.body as { text: string; category: QuestionView['category']; askerName?: string; anonymous?: boolean; buildingId?: string | null };
        return {
          id: e.localId,
          number: 0,
          status: 'raised',
          anonymous: body.anonymous ?? false,
          askerName: body.askerName ?? null,
          buildingId: body.buildingId ?? null,
          buildingName: null,
          category: body.category,
          text: body.text,
          answer: null,
          answeredByName: null,
          answerCorrectedAt: null,
          measures: null,
          mergedIntoId: null,
          actionItemId: null,
          createdAt: e.createdAt,
        };
      });
  }

  /** The answer (or its correction), listing or merge of a question that waits to be sent, if any. */
  pendingActionOn(questionId: string): OutboxEntry | undefined {
    return this.waiting.find((e) => e.kind !== 'record' && e.questionId === questionId);
  }
}

export const pendingBadge = () => html`<span class="pending-badge">${t('questions.outbox.pending')}</span>`;

export const outboxStyles = css`
  .pending-badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--yishi-warning-text);
    border: 1px dashed currentColor;
    background: var(--sl-color-warning-50, #fffbeb);
  }
  li.pending {
    border-style: dashed;
  }
`;

/**
 * Whether sending the entry again can succeed: after a refusal about the moment (a session to renew, too many
 * requests, the server failing), yes; after one about the question itself (already answered, the talk closed),
 * the same request gets the same refusal, so the card offers to copy or discard it only.
 */
function mayTryAgain(e: OutboxEntry): boolean {
  const status = e.rejection?.status ?? 0;
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

/** The refused entries of a meeting: the server's reason, the text, and copy / retry / discard. */
@customElement('yishi-question-outbox-rejected')
export class QuestionOutboxRejected extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0 0;
        display: grid;
        gap: 0.75rem;
      }
      .reason {
        font-weight: 600;
      }
      blockquote {
        margin: 0.25rem 0;
        padding: 0.25rem 0.75rem;
        border-left: 3px solid var(--sl-color-neutral-300, #ccc);
        white-space: pre-wrap;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) entries: OutboxEntry[] = [];
  /** The question an entry was about, as the list shows it ("5. 3栋电梯…"), when the list has it. */
  @property({ attribute: false }) questionOf: (questionId: string) => { number: number; text: string } | undefined = () => undefined;

  private async copy(entry: OutboxEntry) {
    try {
      await navigator.clipboard.writeText(entryText(entry));
      notify(t('questions.outbox.copied'), 'success');
    } catch {
      // No clipboard (an insecure page): the text stays on screen to select by hand.
    }
  }

  /** Which question the refused step was about: its number and words, so the person knows which one to look at. */
  private renderAbout(e: OutboxEntry) {
    const question = e.questionId ? this.questionOf(e.questionId) : undefined;
    return question ? html`<p class="about">${t('questions.outbox.about', { number: question.number, text: question.text })}</p>` : nothing;
  }

  override render() {
    if (this.entries.length === 0) return nothing;
    return html`<div class="alert danger outbox-rejected">
      <strong>${t('questions.outbox.rejectedTitle')}</strong>
      <ul>
        ${this.entries.map(
          (e) =>
            html`<li data-local-id=${e.localId}>
              <span class="muted">${t(`questions.outbox.kind.${e.kind}`)}</span>
              ${this.renderAbout(e)}
              <p class="reason" role="alert">${e.rejection?.message ?? ''}</p>
              <blockquote>${entryText(e)}</blockquote>
              <div class="actions">
                <button class="button" @click=${() => this.copy(e)}>${t('questions.outbox.copy')}</button>
                ${mayTryAgain(e) ? html`<button class="button" @click=${() => retryEntry(e.localId)}>${t('questions.outbox.retry')}</button>` : nothing}
                <button class="button danger" @click=${() => discardEntry(e.localId)}>${t('questions.outbox.discard')}</button>
              </div>
            </li>`,
        )}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-question-outbox-rejected': QuestionOutboxRejected;
  }
}
