/**
 * Assembles the typed meeting record the minutes are written from, out of the tables of the
 * meetings, votes and action-items features. Only reads; the shape it fills is core's MeetingRecord.
 */
import {
  DomainError,
  PARTIES,
  heldStart,
  meetingKind,
  meetingQuorum,
  memberQuorum,
  partyOrNull,
  recordGaps,
  type MeetingKindSpec,
  type MeetingRecord,
  type MinutesVoteOutcome,
  type Party,
  type RecordGaps,
  type StaffRole,
  type TallyResult,
} from '@yishi/core';
import { listRatings } from '../db/repositories/action-items.repository.js';
import { agreedMembersOf } from './meeting-outcomes.service.js';
import { openToAll } from './meeting-access.js';
import { listAgendaItems, listAttendance, findMeeting, listQuestions } from '../db/repositories/meetings.repository.js';
import { listActionItemsOfMeeting, listVotesOfMeeting } from '../db/repositories/minutes.repository.js';
import { findCompound, findCompoundWithPlaces, type Db } from '../db/repositories/places.repository.js';
import { findOfficeOfUser, findUserById } from '../db/repositories/users.repository.js';
import { ADMIN_TITLE } from './setup.service.js';

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

/** The offices a convener is printed with. */
const CONVENER_ROLES: readonly StaffRole[] = ['subdistrict_committee', 'station_chief', 'community_staff'];

/**
 * The person who convened, as printed: "街道党工委委员 李红梅". The first administrator's grant is titled with
 * the system's word for the account (街道管理员), which is no office: printed as the subdistrict's name instead
 * ("宜阳街道 李红梅"); the secretary may still correct the heading.
 */
async function convenerLabel(db: Db, userId: string, subdistrictName: string): Promise<string> {
  const user = await findUserById(db, userId);
  if (!user) return '';
  const grant = await findOfficeOfUser(db, userId, CONVENER_ROLES);
  const office = grant?.title === ADMIN_TITLE ? subdistrictName : (grant?.title ?? grant?.organisation ?? '');
  return office ? `${office} ${user.display_name}` : user.display_name;
}

/** The record of a held meeting; `recorder` is who writes the minutes from it (记录人). */
export async function loadMeetingRecord(db: Db, meetingId: string, recorder = ''): Promise<MeetingRecord> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new DomainError('meeting_not_found');
  const compound = await findCompoundWithPlaces(db, meeting.compound_id);
  if (!compound) throw new DomainError('compound_not_found');
  const agenda = await listAgendaItems(db, meetingId);
  const invited = await listAttendance(db, meetingId);
  const attendance = invited.filter((a) => a.signed_in_at !== null);
  const spec = meetingKind(meeting.kind);
  // A kind attended by members: all of them count (the absent too), and decisions name who agreed.
  const members = spec.members
    ? {
        total: invited.length,
        absent: invited.filter((a) => a.signed_in_at === null).map((a) => a.name),
        quorum: memberQuorum(invited.length, attendance.length),
      }
    : null;
  const nameOf = new Map(invited.map((a) => [a.id, a.name]));
  const questions = await listQuestions(db, meetingId);
  const votes = await listVotesOfMeeting(
    db,
    meetingId,
    agenda.map((a) => a.id),
  );
  const items = await listActionItemsOfMeeting(db, meetingId);
  const ratings = await listRatings(
    db,
    items.map((i) => i.id),
  );
  const latestRating = new Map(ratings.map((r) => [r.action_item_id, r.rating]));
  const itemById = new Map(items.map((i) => [i.id, i]));

  // As held: the session's opening and closing; a meeting closed without a recorded opening reads as scheduled.
  const startsAt = heldStart({ startsAt: meeting.starts_at, startedAt: meeting.started_at });
  const endsAt = meeting.closed_at ?? new Date(Date.parse(startsAt) + meeting.duration_minutes * 60_000).toISOString();
  const quorum = meetingQuorum(
    spec,
    compound.quorumRule,
    attendance.map((a) => (isParty(a.party) ? a.party : null)),
  );
  return {
    meetingId,
    compoundName: compound.name,
    kind: meeting.kind,
    title: meeting.title,
    startsAt,
    endsAt,
    scheduledStartsAt: meeting.starts_at,
    place: meeting.place,
    quorum,
    members,
    places: { subdistrict: compound.subdistrictName, community: compound.communityName },
    recorder,
    convener: await convenerLabel(db, meeting.convener_user_id, compound.subdistrictName),
    attendance: attendance.map((a) => ({ name: a.name, party: isParty(a.party) ? a.party : null, organisation: a.organisation })),
    // A kind open to all: the residents as counted (the cadres noted are its attendance rows above).
    residentCount: openToAll(spec) ? meeting.resident_count : null,
    agendaItems: agenda.map((a) => ({
      title: a.title,
      notes: a.notes,
      outcome: a.outcome,
      outcomeNote: a.outcome_note,
      agreedParties: parseParties(a.agreed_parties),
      responsibleUnit: null,
      memberDecision:
        members && a.outcome === 'members_resolved' ? { agreed: agreedMembersOf(a).map((id) => nameOf.get(id) ?? ''), members: members.total } : null,
    })),
    votes: votes.map((v) => ({ title: v.title, ...voteOutcome(v.status, v.result_json) })),
    // A listed question as the question list has it: its measures, and its action item's unit and deadline.
    questions: questions.map((q) => {
      const item = q.action_item_id ? itemById.get(q.action_item_id) : undefined;
      return {
        text: q.text,
        status: q.status,
        answer: q.answer,
        answeredBy: q.answered_by_name,
        measures: q.measures,
        responsibleUnit: item?.responsible_unit ?? null,
        dueDate: item?.due_date ?? null,
      };
    }),
    actionItems: items.map((i) => ({
      title: i.title,
      responsibleUnit: i.responsible_unit,
      dueDate: i.due_date,
      status: i.status,
      signOffNumber: i.sign_off_number,
      rating: latestRating.get(i.id) ?? null,
    })),
  };
}

/**
 * What the record of a meeting still lacks (core's recordGaps): its agenda items with no outcome, and
 * the parties missing for a council's quorum. Said before the session closes and before its minutes go public.
 */
export async function loadRecordGaps(db: Db, meeting: { id: string; compound_id: string }, spec: MeetingKindSpec): Promise<RecordGaps> {
  const items = spec.outcomes ? await listAgendaItems(db, meeting.id) : [];
  const signedIn = spec.quorum === 'party_rule' ? (await listAttendance(db, meeting.id)).filter((a) => a.signed_in_at !== null) : [];
  const rule = spec.quorum === 'party_rule' ? ((await findCompound(db, meeting.compound_id))?.quorum_rule ?? 'all_parties') : 'all_parties';
  const quorum = meetingQuorum(
    spec,
    rule,
    signedIn.map((a) => partyOrNull(a.party)),
  );
  return recordGaps(spec, items, quorum);
}
