/**
 * One meeting (/meetings/:meetingId): when and where, the lifecycle buttons for whoever runs it, the
 * live agenda (co-edited until the session opens, then the frozen items with their outcomes), and
 * what the meeting's kind has (its spec): the parties' sign-in and quorum of a council
 * (council-attendance.ts, with someone who came without an invitation added on the spot), who came to
 * an evening talk (talk-attendance.ts) and its residents' questions. A meeting entered after it was held
 * (补录) has no notice: its entering starts from the draft, worded for it (recorded-steps.ts).
 */
import { earliestMeetingDate, meetingEndpoints, meetingKind, meetingPageParts, questionsOpen, recordingOpen, type MeetingView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { syncModal } from '../../components/common/modal.js';
import { renderError, renderLoad, renderLoading } from '../../components/common/load-state.js';
import { renderStaleNote, staleNoteStyles } from '../../components/common/stale-note.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import '../../components/evidence/evidence-download.js';
import type { AgendaEditor, AgendaFrozenDetail } from '../../components/meetings/agenda-editor.js';
import '../../components/meetings/agenda-frozen-notice.js';
import '../../components/meetings/agenda-outcomes.js';
import '../../components/meetings/ask-qr-code.js';
import '../../components/meetings/meeting-status-badge.js';
import { meetingWhen } from '../../components/meetings/meeting-ui.js';
import '../../components/meetings/questions-panel.js';
import '../../components/meetings/talk-attendance.js';
import '../../components/meetings/council-attendance.js';
import '../../components/minutes/minutes-signatures.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PartController } from '../../controllers/part-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { OnlineController } from '../../offline/online-controller.js';
import { formatDate, formatDateTime } from '../../format/format.js';
import { pick, t, type MessageKey } from '../../i18n.js';
import { recordedConfirmText, recordedStep, renderRecordedNote } from './recorded-steps.js';
import { stepWarnings } from './step-warnings.js';

/**
 * The live agenda editor (Yjs and its websocket provider, about a third of the page's code), fetched
 * only for a meeting whose agenda can still be co-edited (core's meetingPageParts, by which the server
 * names its files in the page's HTML too): once the meeting has started, the page shows the agenda's
 * outcomes and the meeting room loads no Yjs. The rest of the page does not wait for it.
 */
const agendaEditor = () => import('../../components/meetings/agenda-editor.js');

/** The runner's buttons: which endpoint, its words, and a confirmation for the steps that cannot be undone. */
const STEPS = {
  schedule: { endpoint: meetingEndpoints.schedule, label: 'meeting.schedule', confirm: 'meeting.confirmSchedule' },
  start: { endpoint: meetingEndpoints.start, label: 'meeting.start', confirm: 'meeting.confirmStart' },
  close: { endpoint: meetingEndpoints.close, label: 'meeting.close', confirm: 'meeting.confirmClose' },
  cancel: { endpoint: meetingEndpoints.cancel, label: 'meeting.cancelMeeting', confirm: 'meeting.confirmCancelMeeting' },
  reopen: { endpoint: meetingEndpoints.reopenAgenda, label: 'meeting.reopen' },
  freeze: { endpoint: meetingEndpoints.freezeAgenda, label: 'meeting.freeze' },
} satisfies Record<string, { endpoint: unknown; label: MessageKey; confirm?: MessageKey }>;
type Step = keyof typeof STEPS;

/** The designed dialog's title and button for the steps that ask first (a browser's confirm() looks like an error and cannot be styled for elder mode). */
const CONFIRM_DIALOGS: Partial<Record<Step, { title: MessageKey; button: MessageKey; back: MessageKey }>> = {
  schedule: { title: 'meeting.scheduleTitle', button: 'meeting.scheduleConfirm', back: 'meeting.cancel' },
  start: { title: 'meeting.startTitle', button: 'meeting.startConfirm', back: 'meeting.cancel' },
  close: { title: 'meeting.closeTitle', button: 'meeting.closeConfirm', back: 'meeting.cancel' },
  // "取消" beside "确定取消会议" would say both things at once.
  cancel: { title: 'meeting.cancelMeetingTitle', button: 'meeting.cancelMeetingConfirm', back: 'meeting.keepMeeting' },
};

@customElement('yishi-meeting-page')
export class MeetingPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    staleNoteStyles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .offline-steps {
        margin: 0.75rem 0 1rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};

  private readonly view = new LoadController(
    this,
    (signal) => api.call(meetingEndpoints.get, { params: { meetingId: this.params.meetingId ?? '' }, signal }),
    () => [this.params.meetingId],
    // Offline, the meeting as last loaded on this device (issue 19).
    { offline: { key: () => `meeting/${this.params.meetingId ?? ''}` } },
  );
  private readonly write = new WriteController(this);
  /** Offline, opening, closing or cancelling the meeting wait for the network (they need the server's answer). */
  private readonly connection = new OnlineController(this);
  /** Set when the live agenda was frozen while this page was open (by another member starting the meeting). */
  @state() private agendaFrozen: AgendaFrozenDetail | null = null;
  /** The live agenda editor's code: on its way, here, or not come (no signal). */
  private readonly editor = new PartController(this, agendaEditor);

  /** Asks for the editor's code once the meeting answered that it shows the live agenda. */
  protected override willUpdate(): void {
    const v = this.view.value;
    if (v && this.editor.status === 'idle' && meetingPageParts(v).includes('agenda-editor')) void this.editor.fetch().catch(() => undefined);
  }

  /**
   * The agenda froze under the editor: the page shows the meeting as it is now, and keeps the notice
   * and hand-back where the reader was, at the agenda.
   */
  private async onAgendaFrozen(event: CustomEvent<AgendaFrozenDetail>) {
    this.agendaFrozen = event.detail;
    await this.view.refresh();
    await this.updateComplete;
    this.renderRoot.querySelector('yishi-agenda-frozen-notice')?.scrollIntoView({ block: 'start' });
  }

  private renderEditor(meetingId: string, compoundId: string, editable: boolean) {
    if (this.editor.status === 'failed') return renderError(t('agenda.editorFailed'), () => void this.editor.fetch().catch(() => undefined));
    if (this.editor.status !== 'ready') return renderLoading();
    return html`<yishi-agenda-editor
      .meetingId=${meetingId}
      .compoundId=${compoundId}
      ?editable=${editable}
      @agenda-frozen=${(e: CustomEvent<AgendaFrozenDetail>) => void this.onAgendaFrozen(e)}
    ></yishi-agenda-editor>`;
  }

  /** The step waiting for its confirmation in the dialog. */
  @state() private confirming: Step | null = null;

  private async step(step: Step, confirmed = false) {
    const spec = STEPS[step];
    if ('confirm' in spec && !confirmed) {
      this.confirming = step;
      return;
    }
    const meetingId = this.view.value!.meeting.id;
    const done = await this.write.run(() => api.call(spec.endpoint, { params: { meetingId } }), { success: t('meeting.done', { what: this.stepLabel(step) }) });
    this.confirming = null;
    if (done) await this.view.refresh();
  }

  override render() {
    return renderLoad(this.view, (v) => this.renderMeeting(v));
  }

  /** A step's words: a meeting entered after it was held words its start and close for entering. */
  private stepLabel(step: Step): string {
    const m = this.view.value?.meeting;
    return t((m && recordedStep(step, m)?.label) ?? STEPS[step].label);
  }

  private stepButton(step: Step, primary = false) {
    return html`<button
      class=${primary ? 'button step primary' : 'button step'}
      ?disabled=${this.write.busy || !this.connection.online}
      aria-busy=${this.write.busy}
      @click=${() => this.step(step)}
    >
      ${this.stepLabel(step)}
    </button>`;
  }

  private renderMeeting(v: MeetingView) {
    const m = v.meeting;
    const kind = meetingKind(m.kind);
    const run = v.permissions.run;
    const frozen = m.agendaFrozenAt !== null;
    return html`
      ${renderStaleNote(this.view.stale)}
      <p class="muted">${pick(kind.label)} · ${m.compoundName}</p>
      <h1>${m.title}</h1>
      <p><yishi-meeting-status .status=${m.status} ?recorded=${m.recorded}></yishi-meeting-status></p>
      <p class="lead">
        ${
          m.startedAt
            ? t('meeting.heldLine', { time: meetingWhen(m) })
            : t('meeting.whenLine', { time: formatDateTime(m.startsAt), duration: t('meetings.durationMinutes', { minutes: m.durationMinutes }) })
        }<br />${t('meeting.whereLine', { place: m.place })}
      </p>
      <div class="actions">
        ${run && m.status === 'draft' ? this.stepButton(m.recorded ? 'start' : 'schedule', true) : nothing}
        ${run && m.status === 'scheduled' ? this.stepButton('start', true) : nothing} ${run && m.status === 'scheduled' ? this.stepButton('cancel') : nothing}
        ${run && m.status === 'in_session' ? this.stepButton('close', true) : nothing}
        ${run && frozen && m.status === 'in_session' ? this.stepButton('reopen') : nothing}
        ${run && !frozen && m.status === 'in_session' ? this.stepButton('freeze') : nothing}
        ${!m.recorded && m.status !== 'draft' && m.status !== 'cancelled' ? html`<a class="link-button" href=${`/hall/${m.id}`} target="_blank" rel="noopener">${t('meeting.hallScreen')}</a>` : nothing}
        ${!m.recorded && kind.questions && m.status !== 'draft' && m.status !== 'cancelled' ? html`<a class="link-button" href=${`/meetings/${m.id}/ask`}>${t('meeting.askLink')}</a>` : nothing}
        ${run && recordingOpen(m.status) ? html`<a class="link-button" href=${`/meetings/${m.id}/minutes`}>${t('minutes.title')}</a>` : nothing}
      </div>
      ${run && !this.connection.online && m.status !== 'closed' && m.status !== 'cancelled' ? html`<p class="muted offline-steps" role="status">${t('meeting.stepsOffline')}</p>` : nothing}
      ${renderRecordedNote(m)} ${this.renderNoticeRule(v)} ${this.renderPublishedNote(v)} ${this.renderConfirmDialog()}
      ${
        !m.recorded && kind.questions && v.permissions.record && questionsOpen(m.status)
          ? html`<yishi-ask-qr-code
              .meetingId=${m.id}
              .caption=${m.status === 'in_session' ? 'meetingHall.qrCaption' : 'meetingsBoard.qrCaption'}
            ></yishi-ask-qr-code>`
          : nothing
      }
      ${
        kind.attendance === 'open'
          ? html`<yishi-talk-attendance .view=${v} .online=${this.connection.online} @meeting-changed=${() => this.view.refresh()}></yishi-talk-attendance>`
          : html`<yishi-council-attendance
              .view=${v}
              .online=${this.connection.online}
              @meeting-changed=${() => this.view.refresh()}
            ></yishi-council-attendance>`
      }

      <h2>${t('meeting.agenda')}</h2>
      ${
        frozen || m.status === 'closed'
          ? html`${this.agendaFrozen ? html`<yishi-agenda-frozen-notice .handBack=${this.agendaFrozen.handBack}></yishi-agenda-frozen-notice>` : nothing}
              ${frozen ? html`<p class="muted">${t('meeting.frozenNote', { time: formatDateTime(m.agendaFrozenAt!) })}</p>` : nothing}
              <yishi-agenda-outcomes .view=${v} @meeting-changed=${() => this.view.refresh()}></yishi-agenda-outcomes>`
          : v.permissions.agenda !== 'none'
            ? html`<p class="muted">${t('agenda.live')}</p>
                ${
                  // A council's agenda stays open after its notice (a kind with a notice period froze it then).
                  m.status === 'scheduled' && v.permissions.agenda === 'write'
                    ? html`<p class="alert warning" role="note">${t('agenda.afterNotice')}</p>`
                    : nothing
                }
                ${this.renderEditor(m.id, m.compoundId, v.permissions.agenda === 'write')}`
            : html`<p class="muted">${t('agenda.readOnly')}</p>`
      }
      ${
        v.minutesSignatures
          ? html`<h2>${t('committee.signatures')}</h2>
              <yishi-minutes-signatures .signers=${v.minutesSignatures}></yishi-minutes-signatures>`
          : nothing
      }
      ${
        kind.questions
          ? html`<h2>${t('questions.heading')}</h2>
              <yishi-questions-panel .view=${v} @meeting-changed=${() => this.view.refresh()}></yishi-questions-panel>`
          : nothing
      }
      ${m.status === 'closed' && v.permissions.run ? html`<yishi-evidence-download subject="meeting" subject-id=${m.id}></yishi-evidence-download>` : nothing}
    `;
  }

  private renderConfirmDialog() {
    const step = this.confirming;
    const spec = step ? STEPS[step] : null;
    const m = this.view.value?.meeting;
    const recorded = step && m ? recordedStep(step, m) : undefined;
    const words = step ? (recorded ? { ...recorded, back: 'meeting.cancel' as const } : CONFIRM_DIALOGS[step]) : undefined;
    const said = step && m ? (recordedConfirmText(step, m) ?? (spec && 'confirm' in spec ? t(spec.confirm) : undefined)) : undefined;
    return html`<dialog class="dialog" id="confirm-step" aria-labelledby="confirm-step-title" @close=${() => (this.confirming = null)}>
      <h2 id="confirm-step-title">${words ? t(words.title) : ''}</h2>
      ${said ? html`<p>${said}</p>` : nothing}
      ${step && this.view.value ? stepWarnings(step, this.view.value, this.renderRoot.querySelector<AgendaEditor>('yishi-agenda-editor')) : nothing}
      <div class="actions">
        <button class="button" @click=${() => (this.confirming = null)}>${words ? t(words.back) : ''}</button>
        <button class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy} @click=${() => step && this.step(step, true)}>
          ${words ? t(words.button) : ''}
        </button>
      </div>
    </dialog>`;
  }

  /** The dialog is open while a step waits for its confirmation: shown modal (focus kept in it, Esc closes it) or closed. */
  protected override updated(): void {
    syncModal(this.renderRoot, 'confirm-step', this.confirming !== null);
    // The notice's agenda is told once the live agenda has been read (step-warnings.ts): until then, look again shortly.
    if (this.confirming === 'schedule' && this.renderRoot.querySelector<AgendaEditor>('yishi-agenda-editor')?.agendaTitles?.() === null)
      setTimeout(() => this.requestUpdate(), 250);
  }

  /** A kind with a notice period, still a draft: how far ahead its notice goes out, and that it fixes the agenda. */
  private renderNoticeRule(v: MeetingView) {
    const spec = meetingKind(v.meeting.kind);
    const earliest = earliestMeetingDate(spec, new Date());
    if (v.meeting.status !== 'draft' || v.meeting.recorded || !earliest || !v.permissions.run) return nothing;
    return html`<p class="muted" role="note">
      ${t('committee.noticeRule', { kind: pick(spec.label), days: spec.noticeDays ?? 0, date: formatDate(`${earliest}T04:00:00.000Z`) })}
    </p>`;
  }

  /**
   * Closed, its minutes published: outcomes and answers stay open to fix, but a fix here does not
   * reach the published text, which changes only by a correction with its reason (said to whoever records).
   */
  private renderPublishedNote(v: MeetingView) {
    // The server counts versions of a closed meeting only.
    if (v.minutesPublished === 0 || !(v.permissions.run || v.permissions.record)) return nothing;
    return html`<p class="alert" role="note">${t('meeting.minutesPublishedNote', { version: v.minutesPublished })}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-meeting-page': MeetingPage;
  }
}
