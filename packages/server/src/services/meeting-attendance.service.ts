/**
 * Attendance besides the sign-in at the door (meetings.service.ts signIn). A council invites one more
 * attendee, who then signs in. A meeting open to all (an evening talk) signs nobody in: whoever runs
 * it notes the cadres and department staff present by name (attendance rows, present when noted, not
 * invited), takes one back noted by mistake, and counts the residents in the room (the meeting's
 * residents' count). The minutes say both (core minutes, `noted_and_counted`).
 */
import {
  DomainError,
  attendanceNoteOpen,
  meetingStepRefused,
  signInDate,
  signInOpen,
  type AddAttendeeInput,
  type MeetingStatus,
  type MeetingView,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { newId } from '../db/ids.js';
import { deleteAttendance, findAttendance, insertAttendance, listAttendance, updateResidentCount } from '../db/repositories/meetings.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { isOver } from './meeting-agenda-freeze.js';
import {
  assertKindOffers,
  assertRunner,
  attendedByParties,
  loadMeeting,
  lockMeeting,
  mayEditAgenda,
  mayRun,
  openToAll,
  type LoadedMeeting,
} from './meeting-access.js';
import { getMeeting, signInStamp } from './meetings.service.js';

/**
 * A council: one more attendee invited (signs in at the door), or, `present`, one who came without an
 * invitation signed in at once (from the meeting's day, as at the door). The same name for the same
 * party and organisation twice is refused: a hurried second tap, or someone already on the list.
 * A talk open to all: a cadre noted as present.
 */
export async function addAttendee(deps: Deps, actor: Actor, meetingId: string, input: AddAttendeeInput): Promise<MeetingView> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (openToAll(loaded.spec)) return noteCadre(deps, actor, loaded, input);
  assertKindOffers(loaded, attendedByParties);
  assertRunner(loaded);
  if (isOver(loaded.meeting.status)) throw meetingStepRefused(loaded.meeting.status, 'invite');
  const now = deps.clock();
  const nowIso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    const { status, starts_at: startsAt } = meeting;
    if (isOver(status)) throw meetingStepRefused(status, 'invite');
    if (input.present && !signInOpen({ status, startsAt }, now)) {
      throw status === 'scheduled' ? new DomainError('meeting_sign_in_not_yet', { date: signInDate({ startsAt }) }) : meetingStepRefused(status, 'sign_in');
    }
    const same = (await listAttendance(trx, meetingId)).find(
      (a) => a.name.trim() === input.name && a.party === input.party && a.organisation.trim() === input.organisation,
    );
    if (same) throw new DomainError('attendee_already_invited', { name: same.name });
    await insertAttendance(trx, {
      id: newId(),
      meeting_id: meetingId,
      user_id: null,
      name: input.name,
      party: input.party,
      organisation: input.organisation,
      invited: 1,
      signed_in_at: input.present ? signInStamp(meeting, now) : null,
      signed_in_by: input.present ? actor.userId : null,
      created_at: nowIso,
    });
  });
  return getMeeting(deps, actor, meetingId);
}

async function noteCadre(deps: Deps, actor: Actor, loaded: LoadedMeeting, input: AddAttendeeInput): Promise<MeetingView> {
  const meetingId = loaded.meeting.id;
  await noteAttendance(deps, loaded, async (trx, nowIso) => {
    // Noted twice by a hurried thumb (or two workers at once: the meeting's row is locked): once is enough.
    const same = (await listAttendance(trx, meetingId)).find((a) => a.name.trim() === input.name.trim() && a.organisation.trim() === input.organisation.trim());
    if (same) throw new DomainError('attendee_already_noted', { name: same.name });
    await insertAttendance(trx, {
      id: newId(),
      meeting_id: meetingId,
      user_id: null,
      name: input.name,
      party: input.party,
      organisation: input.organisation,
      invited: 0,
      signed_in_at: nowIso,
      signed_in_by: actor.userId,
      created_at: nowIso,
    });
  });
  return getMeeting(deps, actor, meetingId);
}

/** A talk open to all: a cadre noted as present by mistake is taken back. */
export async function removeAttendee(deps: Deps, actor: Actor, meetingId: string, attendanceId: string): Promise<MeetingView> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, openToAll);
  await noteAttendance(deps, loaded, async (trx) => {
    if (!(await findAttendance(trx, meetingId, attendanceId))) throw new DomainError('attendance_not_found');
    await deleteAttendance(trx, meetingId, attendanceId);
  });
  return getMeeting(deps, actor, meetingId);
}

/** A talk open to all: how many residents came, as counted (null: not counted). */
export async function setResidentCount(deps: Deps, actor: Actor, meetingId: string, residents: number | null): Promise<MeetingView> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, openToAll);
  await noteAttendance(deps, loaded, (trx) => updateResidentCount(trx, meetingId, residents));
  return getMeeting(deps, actor, meetingId);
}

/**
 * Who came to a talk is noted by those who run it or edit its agenda, from its day until after it
 * closes (core attendanceNoteOpen); the status is checked again under the meeting's row lock.
 */
async function noteAttendance(deps: Deps, loaded: LoadedMeeting, write: (trx: Db, nowIso: string) => Promise<void>): Promise<void> {
  if (!mayRun(loaded) && !mayEditAgenda(loaded)) throw new DomainError('forbidden');
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const { status, starts_at: startsAt } = await lockMeeting(trx, loaded.meeting.id);
    if (!attendanceNoteOpen({ status, startsAt }, now)) throw attendanceNoteRefused(status, startsAt);
    await write(trx, now.toISOString());
  });
}

/** A scheduled talk before its day is refused with the day; any other status by its name. */
function attendanceNoteRefused(status: MeetingStatus, startsAt: string): DomainError {
  return status === 'scheduled'
    ? new DomainError('meeting_attendance_not_yet', { date: signInDate({ startsAt }) })
    : meetingStepRefused(status, 'note_attendance');
}
