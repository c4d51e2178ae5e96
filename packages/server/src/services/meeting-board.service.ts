/**
 * What the public sees of meetings: the notices on the compound's board (time, place, topics), the
 * hall screen on the projector, and the iCalendar feed. Nothing here needs a login, so nothing here
 * shows who asked a question.
 */
import {
  AGENDA_ITEMS_KEY,
  DomainError,
  MEETING_KIND_LABELS,
  MEETING_RECORDERS,
  agendaDocumentName,
  countQuestions,
  groupBy,
  meetingKind,
  meetingQuorum,
  partyOrNull,
  readAgendaSnapshot,
  type BoardMeeting,
  type HallState,
  type PageRequest,
  type PublicMeetings,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { loadStoredDocument } from '../collab/persistence.js';
import { publicUrlOf } from '../config.js';
import {
  findAgendaItem,
  findQuestion,
  listAgendaItems,
  listAttendance,
  listMeetingsOfCompound,
  listRecentlyClosedMeetings,
  readUpcomingMeetingsPage,
  updateMeeting,
} from '../db/repositories/meetings.repository.js';
import { listAgendaTitlesOfMeetings, listQuestionStatusesOfMeetings } from '../db/repositories/board.repository.js';
import { findCompound } from '../db/repositories/places.repository.js';
import type { MeetingRow } from '../db/tables/meetings.table.js';
import type { Deps } from '../deps.js';
import { qrSvg } from './board.service.js';
import { countQuestionsOf } from './evening-talk.service.js';
import { attendedByParties, holdsAny, loadMeeting } from './meeting-access.js';
import { meetingSummary } from './meetings.service.js';
import { renderMeetingsCalendar, type CalendarMeeting } from './meetings-calendar.js';

/**
 * Topics of a meeting: the titles of its frozen rows once there are any (read for all meetings at
 * once), else the live document's. A meeting that went into session had its agenda frozen then, so
 * its rows are all there is, even none: the calendar of a compound with years of meetings read a
 * stored document for each one without rows (217 statements in a row at 10,000 units).
 */
async function topicsOf(deps: Deps, meeting: MeetingRow, frozen: readonly string[]): Promise<string[]> {
  if (frozen.length > 0 || meeting.status === 'in_session' || meeting.status === 'closed') return [...frozen];
  const stored = await loadStoredDocument(deps.db, agendaDocumentName(meeting.id));
  const items = readAgendaSnapshot(stored.doc.getArray(AGENDA_ITEMS_KEY).toJSON());
  stored.doc.destroy();
  return items.map((i) => i.title).filter((t) => t.length > 0);
}

/** The board's meetings: a page of the upcoming ones, soonest first, and the five last held beside them. */
export async function publicMeetings(deps: Deps, compoundId: string, page: PageRequest): Promise<PublicMeetings> {
  const compound = await findCompound(deps.db, compoundId);
  if (!compound) throw new DomainError('compound_not_found');
  // A cancelled meeting stays among the upcoming ones, marked, until its time has passed.
  const { rows: upcoming, next } = await readUpcomingMeetingsPage(deps.db, compoundId, deps.clock().toISOString(), page);
  const recent = await listRecentlyClosedMeetings(deps.db, compoundId, 5);
  // The topics and question counts of all of them in two statements, not two per meeting.
  const shown = [...upcoming, ...recent].map((m) => m.id);
  const titles = groupBy(await listAgendaTitlesOfMeetings(deps.db, shown), (r) => r.meeting_id);
  const questions = groupBy(await listQuestionStatusesOfMeetings(deps.db, shown), (q) => q.meeting_id);
  const describe = async (m: MeetingRow): Promise<BoardMeeting> => ({
    ...meetingSummary(m),
    topics: await topicsOf(
      deps,
      m,
      (titles.get(m.id) ?? []).map((r) => r.title),
    ),
    questionCounts: meetingKind(m.kind).questions ? countQuestions(questions.get(m.id) ?? []) : null,
  });
  return {
    compound: { id: compound.id, name: compound.name },
    items: await Promise.all(upcoming.map(describe)),
    next,
    recent: await Promise.all(recent.map(describe)),
    // Absolute, on the public URL: the board offers it as https:// and as webcal:// to subscribe.
    calendarUrl: `${publicUrlOf(deps.config)}/api/public/compounds/${compound.id}/meetings.ics`,
  };
}

/**
 * The compound's meetings calendar: every meeting with a notice out (scheduled, in session, held or cancelled),
 * each with its board link on the public URL; and when it last changed (the feed's Last-Modified).
 */
export async function meetingsCalendar(deps: Deps, compoundId: string): Promise<{ text: string; lastModified: Date | null }> {
  const compound = await findCompound(deps.db, compoundId);
  if (!compound) throw new DomainError('compound_not_found');
  const meetings = (await listMeetingsOfCompound(deps.db, compoundId, ['scheduled', 'in_session', 'closed', 'cancelled'])).reverse();
  const board = `${publicUrlOf(deps.config)}/board/${compound.id}#meetings`;
  const titles = groupBy(
    await listAgendaTitlesOfMeetings(
      deps.db,
      meetings.map((m) => m.id),
    ),
    (r) => r.meeting_id,
  );
  const events: CalendarMeeting[] = [];
  for (const m of meetings) {
    const start = new Date(m.starts_at);
    const topics = await topicsOf(
      deps,
      m,
      (titles.get(m.id) ?? []).map((r) => r.title),
    );
    events.push({
      uid: `${m.id}@yishi`,
      start,
      end: new Date(start.getTime() + m.duration_minutes * 60_000),
      changedAt: new Date(m.updated_at),
      sequence: m.revision,
      cancelled: m.status === 'cancelled',
      summary: `${MEETING_KIND_LABELS[m.kind]['zh-CN']}：${m.title}`,
      location: m.place,
      description: topics.length ? `议题：\n${topics.map((t, i) => `${i + 1}. ${t}`).join('\n')}` : '',
      url: board,
    });
  }
  const lastModified = meetings.reduce<string | null>((latest, m) => (latest === null || m.updated_at > latest ? m.updated_at : latest), null);
  return { text: renderMeetingsCalendar(`${compound.name} 议事会议`, events), lastModified: lastModified ? new Date(lastModified) : null };
}

/** The projector page: what is being discussed now, and the live counts. Polled every few seconds. */
export async function hallState(deps: Deps, meetingId: string): Promise<HallState> {
  const { meeting, spec } = await loadMeeting(deps.db, meetingId, null);
  if (meeting.status === 'draft') throw new DomainError('meeting_not_found');
  let current: HallState['current'] = null;
  if (meeting.hall_agenda_item_id) {
    const item = await findAgendaItem(deps.db, meetingId, meeting.hall_agenda_item_id);
    if (item) current = { kind: 'agenda_item', position: item.position, title: item.title, party: item.party, minutes: item.minutes, outcome: item.outcome };
  } else if (meeting.hall_question_id) {
    const q = await findQuestion(deps.db, meetingId, meeting.hall_question_id);
    if (q)
      current = {
        kind: 'question',
        number: q.number,
        text: q.text,
        category: q.category,
        status: q.status,
        answer: q.answer,
        answeredByName: q.answered_by_name,
      };
  }
  const compound = await findCompound(deps.db, meeting.compound_id);
  const attendance = attendedByParties(spec) ? await listAttendance(deps.db, meetingId) : [];
  return {
    meeting: { ...meetingSummary(meeting), compoundName: compound?.name ?? '' },
    current,
    agenda: (await listAgendaItems(deps.db, meetingId)).map((r) => ({ id: r.id, position: r.position, title: r.title, outcome: r.outcome })),
    questionCounts: spec.questions ? await countQuestionsOf(deps.db, meetingId) : null,
    quorum: meetingQuorum(
      spec,
      compound?.quorum_rule ?? 'all_parties',
      attendance.filter((a) => a.signed_in_at).map((a) => partyOrNull(a.party)),
    ),
    updatedAt: meeting.updated_at,
  };
}

export async function setHallFocus(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  focus: { agendaItemId: string | null; questionId: string | null },
): Promise<HallState> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!holdsAny(loaded.roles, MEETING_RECORDERS)) throw new DomainError('forbidden');
  if (focus.agendaItemId && !(await findAgendaItem(deps.db, meetingId, focus.agendaItemId))) throw new DomainError('agenda_item_not_found');
  if (focus.questionId && !(await findQuestion(deps.db, meetingId, focus.questionId))) throw new DomainError('question_not_found');
  await updateMeeting(deps.db, meetingId, {
    hall_agenda_item_id: focus.agendaItemId,
    hall_question_id: focus.agendaItemId ? null : focus.questionId,
    updated_at: deps.clock().toISOString(),
  });
  return hallState(deps, meetingId);
}

/**
 * The QR code of an evening talk's question page (`/meetings/:id/ask` at the public address), drawn
 * here so the board and the hall screen show an image instead of loading a QR library and computing
 * it on a phone. Only for a meeting that takes questions and is published.
 */
export async function askQrSvg(deps: Deps, meetingId: string): Promise<string> {
  const { meeting } = await loadMeeting(deps.db, meetingId, null);
  if (meeting.status === 'draft' || !meetingKind(meeting.kind).questions) throw new DomainError('meeting_not_found');
  return qrSvg(`${publicUrlOf(deps.config)}/meetings/${encodeURIComponent(meetingId)}/ask`, 288);
}
