/**
 * One meeting (/meetings/:meetingId): when and where, the lifecycle buttons for whoever runs it, the
 * live agenda (co-edited until the session opens, then the frozen items with their outcomes), the
 * four parties' sign-in and quorum for a council, and the questions of an evening talk.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { MEETING_KIND_LABELS, PARTY_LABELS, type Party } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/meetings/agenda-editor.js';
import '../../components/meetings/agenda-outcomes.js';
import '../../components/meetings/ask-qr-code.js';
import '../../components/meetings/meeting-status-badge.js';
import '../../components/meetings/questions-panel.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime, formatTime } from '../../format/format.js';
import { pick, t, type MessageKey } from '../../i18n.js';
import { currentMe } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';
import type { MeetingView } from './meeting-types.js';

@customElement('yishi-meeting-page')
export class MeetingPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .attendance {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .attendance li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .quorum {
        font-weight: 600;
      }
      .quorum.ok {
        color: var(--yishi-ok-text);
      }
      .quorum.no {
        color: var(--yishi-danger-text);
      }
      .signed {
        color: var(--yishi-ok-text);
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};

  private readonly view = new LoadController<MeetingView>(
    this,
    (signal) => api.get<MeetingView>(`/api/meetings/${encodeURIComponent(this.params.meetingId ?? '')}`, signal),
    () => [this.params.meetingId],
  );
  private readonly buildings = new LoadController<{ buildings: Array<{ id: string; name: string }> } | null>(
    this,
    async (signal) => {
      const compoundId = this.view.value?.meeting.compoundId;
      return compoundId ? api.get(`/api/compounds/${compoundId}`, signal) : null;
    },
    () => [this.view.value?.meeting.compoundId],
  );

  private async step(path: string, label: MessageKey, confirmKey?: MessageKey) {
    if (confirmKey && !confirm(t(confirmKey))) return;
    try {
      await api.post(`/api/meetings/${this.view.value!.meeting.id}/${path}`);
      notify(t('meeting.done', { what: t(label) }), 'success');
      await this.view.reload();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }

  private async signIn(attendanceId: string, present: boolean) {
    try {
      await api.post(`/api/meetings/${this.view.value!.meeting.id}/attendance/${attendanceId}/sign-in`, { present });
      await this.view.reload();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }

  override render() {
    return renderLoad(this.view, (v) => this.renderMeeting(v));
  }

  private renderMeeting(v: MeetingView) {
    const m = v.meeting;
    const run = v.permissions.run;
    const frozen = m.agendaFrozenAt !== null;
    return html`
      <p class="muted">${pick(MEETING_KIND_LABELS[m.kind])} · ${m.compoundName}</p>
      <h1>${m.title}</h1>
      <p><yishi-meeting-status .status=${m.status}></yishi-meeting-status></p>
      <p class="lead">${t('meetings.when')}：${formatDateTime(m.startsAt)}（${t('meetings.durationMinutes', { minutes: m.durationMinutes })}）<br />${t('meetings.place')}：${m.place}</p>
      <div class="actions">
        ${run && m.status === 'draft' ? html`<sl-button variant="primary" @click=${() => this.step('schedule', 'meeting.schedule')}>${t('meeting.schedule')}</sl-button>` : nothing}
        ${run && m.status === 'scheduled' ? html`<sl-button variant="primary" @click=${() => this.step('start', 'meeting.start', 'meeting.confirmStart')}>${t('meeting.start')}</sl-button>` : nothing}
        ${run && m.status === 'in_session' ? html`<sl-button variant="primary" @click=${() => this.step('close', 'meeting.close', 'meeting.confirmClose')}>${t('meeting.close')}</sl-button>` : nothing}
        ${run && frozen && m.status === 'in_session' ? html`<sl-button @click=${() => this.step('agenda/reopen', 'meeting.reopen')}>${t('meeting.reopen')}</sl-button>` : nothing}
        ${run && !frozen && m.status === 'in_session' ? html`<sl-button @click=${() => this.step('agenda/freeze', 'meeting.freeze')}>${t('meeting.freeze')}</sl-button>` : nothing}
        ${m.status !== 'draft' ? html`<a class="link-button" href=${`/hall/${m.id}`} target="_blank" rel="noopener">${t('meeting.hallScreen')}</a>` : nothing}
        ${m.kind === 'evening_talk' && m.status !== 'draft' ? html`<a class="link-button" href=${`/meetings/${m.id}/ask`}>${t('meeting.askLink')}</a>` : nothing}
        ${run && (m.status === 'in_session' || m.status === 'closed') ? html`<a class="link-button" href=${`/meetings/${m.id}/minutes`}>${t('minutes.title')}</a>` : nothing}
      </div>

      ${m.kind === 'evening_talk' && v.permissions.record && (m.status === 'scheduled' || m.status === 'in_session')
        ? html`<yishi-ask-qr-code .meetingId=${m.id}></yishi-ask-qr-code>`
        : nothing}
      ${m.kind === 'four_party' ? this.renderAttendance(v) : nothing}

      <h2>${t('meeting.agenda')}</h2>
      ${frozen || m.status === 'closed'
        ? html`${frozen ? html`<p class="muted">${t('meeting.frozenNote', { time: formatDateTime(m.agendaFrozenAt!) })}</p>` : nothing}
            <yishi-agenda-outcomes .view=${v} @meeting-changed=${() => this.view.reload()}></yishi-agenda-outcomes>`
        : v.permissions.agenda !== 'none'
          ? html`<p class="muted">${t('agenda.live')}</p>
              <yishi-agenda-editor .meetingId=${m.id} ?editable=${v.permissions.agenda === 'write'}></yishi-agenda-editor>`
          : html`<p class="muted">${t('agenda.readOnly')}</p>`}

      ${m.kind === 'evening_talk'
        ? html`<h2>${t('questions.heading')}</h2>
            <yishi-questions-panel .view=${v} .buildings=${this.buildings.value?.buildings ?? []} @meeting-changed=${() => this.view.reload()}></yishi-questions-panel>`
        : nothing}
    `;
  }

  private renderAttendance(v: MeetingView) {
    const q = v.quorum;
    const me = currentMe();
    const open = v.meeting.status === 'scheduled' || v.meeting.status === 'in_session';
    return html`
      <h2>${t('meeting.attendance')}</h2>
      ${q
        ? html`<p class="quorum ${q.reached ? 'ok' : 'no'}" role="status">
              ${q.reached ? t('meeting.quorumReached') : t('meeting.quorumMissing', { parties: q.missing.map((p) => pick(PARTY_LABELS[p])).join('、') })}
            </p>
            <p class="muted">${t(`meeting.quorumRule.${q.rule}`)}</p>`
        : nothing}
      <ul class="attendance card">
        ${v.attendance.map(
          (a) => html`<li>
            <span><strong>${a.name}</strong> · ${a.party ? pick(PARTY_LABELS[a.party as Party]) : ''}${a.organisation ? ` · ${a.organisation}` : ''}</span>
            <span>
              ${a.signedInAt ? html`<span class="signed">✓ ${t('meeting.signedIn', { time: formatTime(a.signedInAt) })}</span>` : html`<span class="muted">${t('meeting.notSignedIn')}</span>`}
              ${open && (v.permissions.record || a.userId === me?.userId)
                ? html`<sl-button size="small" @click=${() => this.signIn(a.id, !a.signedInAt)}>${a.signedInAt ? t('meeting.undoSignIn') : t('meeting.signIn')}</sl-button>`
                : nothing}
            </span>
          </li>`,
        )}
      </ul>
    `;
  }
}
