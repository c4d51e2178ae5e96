/**
 * Where a resident raises a question for an evening talk (/meetings/:meetingId/ask), reached from
 * the link or QR code on the notice board. Owners and residents of the compound, logged in. With no
 * signal a question waits on the phone (offline/outbox.ts) and is listed here as 待发送 until the
 * server has it; one it refuses meanwhile (the talk was closed) is shown with the reason, its text kept.
 */
import { meetingEndpoints, questionsOpen } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { meetingWhen } from '../../components/meetings/meeting-ui.js';
import '../../components/meetings/question-form.js';
import { OutboxController, outboxStyles, pendingBadge } from '../../components/meetings/question-outbox.js';
import { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';

@customElement('yishi-meeting-ask-page')
export class MeetingAskPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    outboxStyles,
    css`
      ul.waiting {
        list-style: none;
        margin: 0.5rem 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      ul.waiting li {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  /** How many questions asked offline the server has accepted since (they leave the waiting list). */
  @state() private sentLater = 0;
  private readonly outbox = new OutboxController(
    this,
    () => this.params.meetingId,
    () => void this.outbox.refresh(),
  );
  /** The number of the question just submitted (as it will be read out in the hall). */
  @state() private submitted: number | null = null;
  private readonly view = new LoadController(
    this,
    (signal) => api.call(meetingEndpoints.get, { params: { meetingId: this.params.meetingId ?? '' }, signal }),
    () => [this.params.meetingId],
  );

  /**
   * The questions this page lists as waiting: those the form could not send (question-queued), and
   * those left from an earlier visit. One that leaves the outbox without being refused has arrived,
   * whatever order the outbox's change and answer notices come in. A question sent at once passes
   * through the outbox too, and is never listed.
   */
  private readonly listed = new Set<string>();
  private readonly openedAt = new Date().toISOString();
  /** The refusals already seen: a new one (the talk closed meanwhile) reads the meeting again. */
  private readonly refusals = new Set<string>();

  protected override willUpdate(): void {
    // Refused while it waited (the talk ended before the phone had signal again): the page then says the talk is
    // over and where a question goes now, instead of a form that can only be refused again.
    const refusedNow = this.outbox.rejected.filter((e) => !this.refusals.has(e.localId));
    for (const e of refusedNow) this.refusals.add(e.localId);
    if (refusedNow.length > 0) void this.view.refresh();
    const waiting = this.outbox.waiting;
    for (const e of waiting) if (e.createdAt < this.openedAt) this.listed.add(e.localId);
    const still = new Set(waiting.map((e) => e.localId));
    const rejected = new Set(this.outbox.rejected.map((e) => e.localId));
    for (const id of [...this.listed]) {
      if (still.has(id)) continue;
      this.listed.delete(id);
      if (!rejected.has(id)) this.sentLater += 1;
    }
  }

  private renderWaiting() {
    const waiting = this.outbox.waitingQuestions().filter((q) => this.listed.has(q.id));
    return html`${this.sentLater > 0 ? html`<p class="card" role="status">${t('questions.outbox.askSent', { count: this.sentLater })}</p>` : nothing}
      ${
        waiting.length > 0
          ? html`<section class="waiting" aria-label=${t('questions.outbox.pendingCount', { count: waiting.length })}>
              <p role="status">${pendingBadge()} ${t('questions.outbox.pendingCount', { count: waiting.length })}</p>
              <p class="muted">${t('questions.outbox.askWaiting')}</p>
              <ul class="waiting">
                ${waiting.map((q) => html`<li class="card pending" data-pending="yes">${q.text}</li>`)}
              </ul>
            </section>`
          : nothing
      } <yishi-question-outbox-rejected .entries=${this.outbox.rejected}></yishi-question-outbox-rejected>`;
  }

  override render() {
    return renderLoad(this.view, (v) => {
      return html`
        <h1>${t('questions.ask')}</h1>
        <p class="lead"><a href=${`/meetings/${v.meeting.id}`}>${v.meeting.title}</a><br />${meetingWhen(v.meeting)} · ${v.meeting.place}</p>
        ${this.submitted !== null ? html`<p class="card" role="status">${t('questions.thanks', { number: this.submitted })}</p>` : nothing}
        ${this.renderWaiting()}
        ${
          questionsOpen(v.meeting.status)
            ? html`<yishi-question-form
                .meetingId=${v.meeting.id}
                @question-submitted=${(e: CustomEvent<{ number: number }>) => (this.submitted = e.detail.number)}
                @question-queued=${(e: CustomEvent<{ localId: string }>) => {
                  this.listed.add(e.detail.localId);
                  this.requestUpdate();
                }}
              ></yishi-question-form>`
            : v.meeting.status === 'closed'
              ? // Over: where the answers are, and where a question goes now (a dead end before).
                html`<p class="state-empty">${t('questions.ended')}</p>
                  <div class="actions">
                    <a class="link-button primary" href=${`/meetings/${v.meeting.id}`}>${t('questions.seeAnswers')}</a>
                    <a class="link-button" href=${`/compounds/${v.meeting.compoundId}/concerns`}>${t('questions.raiseConcern')}</a>
                  </div>`
              : html`<p class="state-empty">${t('questions.closed')}</p>`
        }
      `;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-meeting-ask-page': MeetingAskPage;
  }
}
