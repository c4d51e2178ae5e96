/**
 * Meetings through their life: created as a draft, scheduled (the notice goes on the compound's
 * public board), opened — which freezes the live agenda into rows with stable ids
 * (meeting-agenda-freeze.ts) — and closed. What a meeting has besides comes from its kind's
 * spec: a kind attended by parties (the four-party council) adds invitations, sign-in per party and
 * the quorum; a kind with outcomes, an outcome per agenda item.
 */
import {
  DomainError,
  MEETING_KINDS,
  MEETING_RECORDERS,
  agendaAccess,
  agendaDocumentName,
  assertNoticePeriod,
  assertRecordedStart,
  editsMeetingAgenda,
  meetingKind,
  meetingQuorum,
  memberQuorum,
  nextMeetingStatus,
  runsMeeting,
  partyOrNull,
  recordedStepTime,
  signInDate,
  meetingStepRefused,
  signInOpen,
  type AttendanceView,
  type CreateMeetingInput,
  type MeetingAction,
  type MeetingKindSpec,
  type MeetingStatus,
  type MeetingSummary,
  type MeetingView,
  type PageRequest,
  type Party,
  type QuorumRule,
  type UpdateMeetingInput,
} from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { collabHubFor } from '../collab/attach.js';
import { newId } from '../db/ids.js';
import {
  findAttendance,
  insertAttendance,
  insertMeeting,
  listAgendaItems,
  listAttendance,
  listBuildingsOfCompound,
  listPartyReps,
  updateAttendance,
  updateMeeting,
  updateMeetingIfStatus,
  updateQuorumRule,
  readMeetingsPage,
} from '../db/repositories/meetings.repository.js';
import { findCompound, findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { AttendanceRow, MeetingRow } from '../db/tables/meetings.table.js';
import type { Deps } from '../deps.js';
import { agendaItemView } from './meeting-outcomes.service.js';
import { isOver, withLockedAgenda, writeAgendaRows } from './meeting-agenda-freeze.js';
import { publishedMinutesOf } from './minutes.service.js';
import { countQuestionsOf } from './evening-talk.service.js';
import { enqueueNotifications } from './notifications.service.js';
import {
  assertKindOffers,
  assertRunner,
  attendedByParties,
  hasSignIn,
  hatsAt,
  holdsAny,
  loadMeeting,
  lockMeeting,
  mayEditAgenda,
  mayRun,
  openToAll,
} from './meeting-access.js';

export function meetingSummary(m: MeetingRow): MeetingSummary {
  return {
    id: m.id,
    compoundId: m.compound_id,
    kind: m.kind,
    title: m.title,
    startsAt: m.starts_at,
    durationMinutes: m.duration_minutes,
    place: m.place,
    status: m.status,
    agendaFrozenAt: m.agenda_frozen_at,
    documentName: agendaDocumentName(m.id),
    startedAt: m.started_at,
    closedAt: m.closed_at,
    recorded: m.recorded === 1,
  };
}

function attendanceView(row: AttendanceRow): AttendanceView {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    party: partyOrNull(row.party),
    organisation: row.organisation,
    invited: row.invited === 1,
    signedInAt: row.signed_in_at,
  };
}

/** `recorded`: a meeting already held, entered afterwards (补录); left out, one still to come. */
export async function createMeeting(deps: Deps, actor: Actor, compoundId: string, input: Omit<CreateMeetingInput, 'recorded'> & { recorded?: boolean }) {
  const chain = await findCompoundChain(deps.db, compoundId);
  if (!chain) throw new DomainError('compound_not_found');
  const spec = meetingKind(input.kind);
  if (!runsMeeting(spec, hatsAt(actor, chain, compoundId))) throw new DomainError('forbidden');
  const now = deps.clock();
  assertStart(spec, input.recorded === true, new Date(input.startsAt), now, now);
  const id = newId();
  const nowIso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await insertMeeting(trx, {
      id,
      compound_id: compoundId,
      kind: input.kind,
      title: input.title,
      starts_at: new Date(input.startsAt).toISOString(),
      duration_minutes: input.durationMinutes,
      place: input.place,
      status: 'draft',
      convener_user_id: actor.userId,
      agenda_frozen_at: null,
      scheduled_at: null,
      started_at: null,
      closed_at: null,
      hall_agenda_item_id: null,
      hall_question_id: null,
      recorded: input.recorded ? 1 : 0,
      created_at: nowIso,
      updated_at: nowIso,
    });
    if (attendedByParties(spec)) await invitePartyReps(trx, id, compoundId, nowIso);
    // A kind attended by members invites its members: the representatives of its members' party.
    if (spec.members) {
      const invited = await invitePartyReps(trx, id, compoundId, nowIso, spec.members.party);
      if (invited === 0) throw new DomainError('meeting_no_members', { party: spec.members.party });
    }
  });
  return getMeeting(deps, actor, id);
}

/**
 * A start the meeting may have. One still to come starts after now and, a kind with a notice period,
 * far enough after its notice (`noticeAt`: when it went out, or now for a draft) for the notice to be
 * in time. One entered after it was held (补录) started before now, within the days it may be entered.
 */
function assertStart(spec: MeetingKindSpec, recorded: boolean, startsAt: Date, noticeAt: Date, now: Date): void {
  if (recorded) return assertRecordedStart(startsAt, now);
  if (startsAt.getTime() < now.getTime()) throw new DomainError('meeting_starts_in_past');
  assertNoticePeriod(spec, noticeAt, startsAt);
}

/**
 * A meeting attended by parties invites every named representative of the four parties at the
 * compound; with `party`, only that party's (the members). Answers how many it invited.
 */
async function invitePartyReps(trx: Db, meetingId: string, compoundId: string, nowIso: string, party?: Party): Promise<number> {
  const reps = (await listPartyReps(trx, compoundId)).filter((rep) => party === undefined || rep.party === party);
  for (const rep of reps) {
    await insertAttendance(trx, {
      id: newId(),
      meeting_id: meetingId,
      user_id: rep.userId,
      name: rep.name,
      party: rep.party,
      organisation: rep.organisation ?? '',
      invited: 1,
      signed_in_at: null,
      signed_in_by: null,
      created_at: nowIso,
    });
  }
  return reps.length;
}

/** A compound's meetings, newest first; drafts and cancelled ones only for those who run its kind or edit its agenda. */
/** A page of the compound's meetings, newest first; drafts and cancelled ones only of the kinds the caller runs or edits the agenda of. */
export async function listMeetings(deps: Deps, actor: Actor, place: PlaceChain, compoundId: string, page: PageRequest) {
  const hats = hatsAt(actor, place, compoundId);
  const draftKinds = MEETING_KINDS.filter((kind) => runsMeeting(meetingKind(kind), hats) || editsMeetingAgenda(meetingKind(kind), hats));
  const { rows, next } = await readMeetingsPage(deps.db, compoundId, draftKinds, page);
  return { items: rows.map(meetingSummary), next };
}

/** The subdistrict committee sets how a compound's councils reach quorum. */
export async function setQuorumRule(deps: Deps, compoundId: string, quorumRule: QuorumRule) {
  await updateQuorumRule(deps.db, compoundId, quorumRule);
  return { quorumRule };
}

/** A meeting as its page shows it; a draft only to those who run meetings or edit the agenda. */
export async function showMeeting(deps: Deps, actor: Actor, meetingId: string): Promise<MeetingView> {
  const view = await getMeeting(deps, actor, meetingId);
  if (view.meeting.status === 'draft' && !view.permissions.run && view.permissions.agenda === 'none') throw new DomainError('meeting_not_found');
  return view;
}

/** The buildings of the meeting's compound, for the question form. */
export async function buildingsOfMeeting(deps: Deps, actor: Actor, meetingId: string) {
  const { meeting } = await loadMeeting(deps.db, meetingId, actor);
  return { buildings: await listBuildingsOfCompound(deps.db, meeting.compound_id) };
}

export async function getMeeting(deps: Deps, actor: Actor | null, meetingId: string): Promise<MeetingView> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  const { meeting, kind, spec, roles } = loaded;
  const compound = await findCompound(deps.db, meeting.compound_id);
  // Every kind's attendance rows: the invited, the members, or (a kind open to all) the cadres noted as present.
  const attendance = await listAttendance(deps.db, meetingId);
  const signedIn = attendance.filter((a) => a.signed_in_at !== null);
  const members = spec.members ? attendance.length : null;
  const minutes = meeting.status === 'closed' ? await publishedMinutesOf(deps.db, loaded) : null;
  return {
    meeting: {
      ...meetingSummary(meeting),
      compoundName: compound?.name ?? '',
      hall: { agendaItemId: meeting.hall_agenda_item_id, questionId: meeting.hall_question_id },
    },
    agendaItems: (await listAgendaItems(deps.db, meetingId)).map((row) => agendaItemView(row, members)),
    attendance: attendance.map(attendanceView),
    residentCount: openToAll(spec) ? meeting.resident_count : null,
    quorum: meetingQuorum(
      spec,
      compound?.quorum_rule ?? 'all_parties',
      signedIn.map((a) => partyOrNull(a.party)),
    ),
    memberQuorum: spec.quorum === 'member_majority' ? memberQuorum(attendance.length, signedIn.length) : null,
    minutesSignatures: minutes?.signatures?.signers.map(({ name, signedAt, stale }) => ({ name, signedAt, stale })) ?? null,
    questionCounts: spec.questions ? await countQuestionsOf(deps.db, meetingId) : null,
    minutesPublished: minutes?.published ?? 0,
    permissions: {
      run: mayRun(loaded),
      record: holdsAny(roles, MEETING_RECORDERS),
      agenda: agendaAccess(kind, meeting.status, meeting.agenda_frozen_at !== null, roles, loaded.parties),
      ask: spec.questions && roles.size > 0,
      attendance: openToAll(spec) && (mayRun(loaded) || mayEditAgenda(loaded)),
    },
  };
}

export async function updateMeetingDetails(deps: Deps, actor: Actor, meetingId: string, input: UpdateMeetingInput) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertRunner(loaded);
  if (loaded.meeting.status !== 'draft' && loaded.meeting.status !== 'scheduled') throw new DomainError('meeting_not_editable');
  const startsAt = input.startsAt ? new Date(input.startsAt) : null;
  await deps.db.transaction().execute(async (trx) => {
    // Not after an opening that another request (or server instance) has just committed.
    const { status, scheduled_at, recorded } = await lockMeeting(trx, meetingId);
    if (status !== 'draft' && status !== 'scheduled') throw new DomainError('meeting_not_editable');
    // A notice period counts from the notice that went out, or from today for a draft.
    const now = deps.clock();
    if (startsAt) assertStart(loaded.spec, recorded === 1, startsAt, scheduled_at ? new Date(scheduled_at) : now, now);
    await updateMeeting(trx, meetingId, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(startsAt ? { starts_at: startsAt.toISOString() } : {}),
      ...(input.durationMinutes !== undefined ? { duration_minutes: input.durationMinutes } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      updated_at: deps.clock().toISOString(),
    });
  });
  return getMeeting(deps, actor, meetingId);
}

/**
 * Schedules, opens or closes a meeting by compare-and-set: the status is checked again under the
 * meeting's row lock and written only if unchanged, in the transaction that does the step's work.
 * Of two requests racing for the same step (say, two server instances opening one meeting) one
 * succeeds and the other gets `meeting_bad_transition`; the agenda is frozen once.
 */
export async function transitionMeeting(deps: Deps, actor: Actor, meetingId: string, action: MeetingAction) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertRunner(loaded);
  // Refuse at once when the step is already impossible (no agenda lock for nothing); the check that
  // counts is the one under the row lock below.
  const recorded = loaded.meeting.recorded === 1;
  nextMeetingStatus(loaded.meeting.status, action, recorded);
  const now = deps.clock();
  const nowIso = now.toISOString();
  const { spec } = loaded;
  // A meeting entered after it was held was held at the times entered, not when its buttons are pressed.
  const at =
    recorded && (action === 'start' || action === 'close')
      ? recordedStepTime({ startsAt: loaded.meeting.starts_at, durationMinutes: loaded.meeting.duration_minutes }, action, now)
      : nowIso;
  // A kind with a notice period publishes its agenda with the notice: the notice freezes it, what
  // is decided is what was announced. Going into session freezes every kind's agenda.
  const freezes = action === 'start' || (action === 'schedule' && spec.noticeDays !== null);
  if (action === 'schedule') assertNoticePeriod(spec, now, new Date(loaded.meeting.starts_at));
  const stamp = action === 'schedule' ? { scheduled_at: nowIso } : action === 'start' ? { started_at: at } : action === 'close' ? { closed_at: at } : {};
  const step = async (trx: Db): Promise<void> => {
    const from: MeetingStatus = (await lockMeeting(trx, meetingId)).status;
    const to = nextMeetingStatus(from, action, recorded);
    // Freezing: the document becomes rows with stable ids.
    if (freezes) await writeAgendaRows(trx, meetingId, nowIso);
    if (action === 'schedule' && freezes && (await listAgendaItems(trx, meetingId)).length === 0) {
      throw new DomainError('meeting_agenda_empty', { kind: loaded.kind });
    }
    const set = { status: to, ...stamp, ...(freezes ? { agenda_frozen_at: nowIso } : {}), updated_at: nowIso };
    if (!(await updateMeetingIfStatus(trx, meetingId, from, set))) throw meetingStepRefused(from, action);
    // Publishing the notice is when participants learn of the meeting, with its agenda as it stands.
    if (action === 'schedule') await enqueueNotifications(trx, deps, { kind: 'meeting_scheduled', meetingId, causedByUserId: actor.userId });
    // Those told of the meeting are told it will not take place.
    if (action === 'cancel') await enqueueNotifications(trx, deps, { kind: 'meeting_cancelled', meetingId, causedByUserId: actor.userId });
  };
  if (freezes) {
    await withLockedAgenda(deps, meetingId, async () => {
      await deps.db.transaction().execute(step);
    });
  } else {
    await deps.db.transaction().execute(step);
    await collabHubFor(deps)?.refresh(agendaDocumentName(meetingId));
  }
  return getMeeting(deps, actor, meetingId);
}

function assertFreezable(meeting: MeetingRow): void {
  if (meeting.agenda_frozen_at) throw new DomainError('agenda_frozen');
  if (isOver(meeting.status)) throw meetingStepRefused(meeting.status, 'freeze');
}

/** Freezes again after a reopen (the convener edited the agenda during the session). */
export async function freezeAgenda(deps: Deps, actor: Actor, meetingId: string) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertRunner(loaded);
  assertFreezable(loaded.meeting);
  const nowIso = deps.clock().toISOString();
  await withLockedAgenda(deps, meetingId, () =>
    deps.db.transaction().execute(async (trx) => {
      assertFreezable(await lockMeeting(trx, meetingId));
      await writeAgendaRows(trx, meetingId, nowIso);
      await updateMeeting(trx, meetingId, { agenda_frozen_at: nowIso, updated_at: nowIso });
    }),
  );
  return getMeeting(deps, actor, meetingId);
}

export async function reopenAgenda(deps: Deps, actor: Actor, meetingId: string) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertRunner(loaded);
  if (loaded.meeting.convener_user_id !== actor.userId && !loaded.roles.has('subdistrict_committee')) throw new DomainError('forbidden');
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (!meeting.agenda_frozen_at) throw new DomainError('agenda_not_frozen');
    if (isOver(meeting.status)) throw meetingStepRefused(meeting.status, 'reopen');
    // An agenda announced with the notice stays as announced until the meeting.
    if (loaded.spec.noticeDays !== null && meeting.status === 'scheduled') throw new DomainError('agenda_announced');
    await updateMeeting(trx, meetingId, { agenda_frozen_at: null, updated_at: deps.clock().toISOString() });
  });
  await collabHubFor(deps)?.refresh(agendaDocumentName(meetingId));
  return getMeeting(deps, actor, meetingId);
}

/** Sign-in at the door: staff sign anyone in; a representative may sign themself in. */
export async function signIn(deps: Deps, actor: Actor, meetingId: string, attendanceId: string, present: boolean) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, hasSignIn);
  const row = await findAttendance(deps.db, meetingId, attendanceId);
  if (!row) throw new DomainError('attendance_not_found');
  if (!holdsAny(loaded.roles, MEETING_RECORDERS) && row.user_id !== actor.userId) throw new DomainError('forbidden');
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    const { status, starts_at: startsAt } = meeting;
    if (!signInOpen({ status, startsAt }, deps.clock())) {
      // A scheduled meeting before its day is refused with the day; any other status by its name.
      throw status === 'scheduled' ? new DomainError('meeting_sign_in_not_yet', { date: signInDate({ startsAt }) }) : meetingStepRefused(status, 'sign_in');
    }
    await updateAttendance(
      trx,
      row.id,
      present ? { signed_in_at: signInStamp(meeting, deps.clock()), signed_in_by: actor.userId } : { signed_in_at: null, signed_in_by: null },
    );
  });
  return getMeeting(deps, actor, meetingId);
}

/** When someone signing in now was there: now, or at a meeting entered after it was held, when it began. */
export function signInStamp(meeting: Pick<MeetingRow, 'recorded' | 'started_at'>, now: Date): string {
  return meeting.recorded === 1 && meeting.started_at ? meeting.started_at : now.toISOString();
}
