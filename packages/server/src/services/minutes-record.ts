/**
 * Assembles the typed meeting record the minutes are written from, out of the tables of the
 * meetings, votes and action-items features. Only reads; the shape it fills is core's MeetingRecord.
 */
import {
  DomainError,
  PARTIES,
  type MeetingKind,
  type MeetingRecord,
  type MinutesVoteOutcome,
  type OutcomeKind,
  type Party,
  type QuestionStatus,
  type TallyResult,
} from '@yishi/core';
import { listAgendaItems, listAttendance, findMeeting } from '../db/repositories/meetings.repository.js';
import type { Db } from '../db/repositories/places.repository.js';

const isParty = (value: string | null): value is Party => value !== null && (PARTIES as readonly string[]).includes(value);

function parseParties(json: string): Party[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((p): p is Party => typeof p === 'string' && isParty(p)) : [];
  } catch {
    return [];
  }
}

function voteOutcome(status: string, resultJson: string | null): { outcome: MinutesVoteOutcome; explanation: string } {
  if (status !== 'closed' || !resultJson) return { outcome: 'open', explanation: '' };
  const result = JSON.parse(resultJson) as TallyResult;
  const participationFailed = result.checks.some((c) => c.key.startsWith('participation') && !c.ok);
  return {
    outcome: participationFailed ? 'invalid' : result.passed ? 'passed' : 'not_passed',
    explanation: result.summary['zh-CN'],
  };
}

/** The person who convened, as printed: "街道党工委委员 李红梅". */
async function convenerLabel(db: Db, userId: string): Promise<string> {
  const user = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  if (!user) return '';
  const grant = await db
    .selectFrom('role_assignments')
    .select(['title', 'organisation'])
    .where('user_id', '=', userId)
    .where('role', 'in', ['subdistrict_committee', 'station_chief', 'community_staff'])
    .executeTakeFirst();
  const office = grant?.title ?? grant?.organisation ?? '';
  return office ? `${office} ${user.display_name}` : user.display_name;
}

export async function loadMeetingRecord(db: Db, meetingId: string): Promise<MeetingRecord> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new DomainError('meeting_not_found');
  const compound = await db.selectFrom('compounds').select('name').where('id', '=', meeting.compound_id).executeTakeFirstOrThrow();
  const agenda = await listAgendaItems(db, meetingId);
  const attendance = (await listAttendance(db, meetingId)).filter((a) => a.signed_in_at !== null);
  const questions = await db
    .selectFrom('meeting_questions')
    .select(['status', 'text', 'answer', 'answered_by_name'])
    .where('meeting_id', '=', meetingId)
    .orderBy('number')
    .execute();

  const agendaIds = agenda.map((a) => a.id);
  const votes = await db
    .selectFrom('votes')
    .select(['title', 'status', 'result_json', 'source_kind', 'source_id'])
    .where((eb) => eb.or([eb('source_kind', '=', 'agenda_item').and('source_id', 'in', agendaIds.length > 0 ? agendaIds : ['-']), eb('source_kind', '=', 'meeting').and('source_id', '=', meetingId)]))
    .orderBy('created_at')
    .execute();

  const items = await db
    .selectFrom('action_items')
    .select(['id', 'title', 'responsible_unit', 'due_date', 'status', 'sign_off_number', 'listed_at'])
    .where('source_meeting_id', '=', meetingId)
    .orderBy('listed_at')
    .orderBy('id')
    .execute();
  const ratings = items.length === 0 ? [] : await db
    .selectFrom('action_item_ratings')
    .select(['action_item_id', 'rating', 'created_at'])
    .where('action_item_id', 'in', items.map((i) => i.id))
    .orderBy('created_at')
    .execute();
  const latestRating = new Map(ratings.map((r) => [r.action_item_id, r.rating]));

  const endsAt = meeting.closed_at ?? new Date(Date.parse(meeting.starts_at) + meeting.duration_minutes * 60_000).toISOString();
  return {
    meetingId,
    compoundName: compound.name,
    kind: meeting.kind as MeetingKind,
    title: meeting.title,
    startsAt: meeting.starts_at,
    endsAt,
    place: meeting.place,
    convener: await convenerLabel(db, meeting.convener_user_id),
    attendance: attendance.map((a) => ({ name: a.name, party: isParty(a.party) ? a.party : null, organisation: a.organisation })),
    agendaItems: agenda.map((a) => ({
      title: a.title,
      notes: a.notes,
      outcome: (a.outcome as OutcomeKind | null) ?? null,
      outcomeNote: a.outcome_note,
      agreedParties: parseParties(a.agreed_parties),
      responsibleUnit: null,
    })),
    votes: votes.map((v) => ({ title: v.title, ...voteOutcome(v.status, v.result_json) })),
    questions: questions.map((q) => ({ text: q.text, status: q.status as QuestionStatus, answer: q.answer, answeredBy: q.answered_by_name })),
    actionItems: items.map((i) => ({
      title: i.title,
      responsibleUnit: i.responsible_unit,
      dueDate: i.due_date,
      status: i.status as MeetingRecord['actionItems'][number]['status'],
      signOffNumber: i.sign_off_number,
      rating: (latestRating.get(i.id) as MeetingRecord['actionItems'][number]['rating']) ?? null,
    })),
  };
}
