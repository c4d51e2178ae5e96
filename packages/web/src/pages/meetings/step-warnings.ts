/**
 * What to know before a step of the meeting page (meeting-page.ts), said in words inside its confirmation: a
 * notice going out with no agenda (or the agenda it will carry); a start well before the time on the notice, and
 * a quorum not reached yet (who is missing); a close with agenda items with no outcome, a quorum never reached, or
 * questions nobody has handled.
 */
import { meetingKind, memberQuorumText, recordGaps, type MeetingView } from '@yishi/core';
import { html, nothing } from 'lit';
import type { AgendaEditor } from '../../components/meetings/agenda-editor.js';
import { partyList, recordGapWarnings } from '../../components/meetings/meeting-ui.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

/** A start this long before the time on the notice is said to be early. */
const EARLY_START_MS = 60 * 60_000;

/** The warnings before `step`; `editor` is the page's open agenda editor, if any. */
export function stepWarnings(step: string, v: MeetingView, editor: AgendaEditor | null) {
  if (step === 'schedule') return scheduleAgenda(v, editor);
  if (step === 'close') {
    const open = v.questionCounts?.open ?? 0;
    return html`${recordGapWarnings(recordGaps(meetingKind(v.meeting.kind), v.agendaItems, v.quorum), 'close')}
    ${open > 0 ? html`<p class="warning">${t('meeting.closeQuestionsOpen', { count: open })}</p>` : nothing}`;
  }
  // A meeting entered after it was held starts on its own time, and who came is entered after.
  if (step !== 'start' || v.meeting.recorded) return nothing;
  const early = Date.parse(v.meeting.startsAt) - Date.now() > EARLY_START_MS;
  const q = v.quorum;
  const mq = v.memberQuorum;
  return html`${early ? html`<p class="warning">${t('meeting.startEarly', { time: formatDateTime(v.meeting.startsAt) })}</p>` : nothing}
  ${q && !q.reached ? html`<p class="warning">${t('meeting.startNoQuorum', { parties: partyList(q.missing) })}</p>` : nothing}
  ${mq && !mq.reached ? html`<p class="warning">${memberQuorumText(mq, currentLocale())}</p>` : nothing}`;
}

/**
 * The agenda the notice will carry. A draft's agenda lives in the shared document until the notice
 * freezes it (the meeting's answer has no rows yet), so the open editor says what is in it; only
 * when it has not read the document yet do the rows stand in, and an unknown agenda is not called empty.
 */
function scheduleAgenda(v: MeetingView, editor: AgendaEditor | null) {
  const titles = editor?.agendaTitles?.() ?? (editor ? null : v.agendaItems.map((item) => item.title));
  if (titles === null) return nothing;
  if (titles.length === 0) return html`<p class="warning">${t('meeting.scheduleNoAgenda')}</p>`;
  return html`<p>${t('meeting.scheduleAgenda', { count: titles.length })}</p>
    <ol class="schedule-agenda">
      ${titles.map((title) => html`<li>${title || t('agenda.untitled')}</li>`)}
    </ol>`;
}
