/** Loading a meeting with the place chain and the caller's roles there, shared by the meeting services. */
import { DomainError, meetingKind, meetingKindsWhere, type MeetingKind, type MeetingKindSpec, type Role } from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { rolesAt } from '../auth/authorize.js';
import { lockRow } from '../db/dialect.js';
import { findMeeting } from '../db/repositories/meetings.repository.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { MeetingRow } from '../db/tables/meetings.table.js';

export interface LoadedMeeting {
  meeting: MeetingRow;
  kind: MeetingKind;
  /** What the meeting's kind has and who runs it (core's meeting-kind spec). */
  spec: MeetingKindSpec;
  roles: Set<Role>;
}

export async function loadMeeting(db: Db, meetingId: string, actor: Actor | null): Promise<LoadedMeeting> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new DomainError('meeting_not_found');
  const chain = await findCompoundChain(db, meeting.compound_id);
  if (!chain) throw new DomainError('meeting_not_found');
  return { meeting, kind: meeting.kind, spec: meetingKind(meeting.kind), roles: actor ? rolesAt(actor, chain) : new Set() };
}

/** The place a request about a meeting is about (its compound), for the routes' role checks. */
export async function placeOfMeeting(db: Db, meetingId: string): Promise<PlaceChain | undefined> {
  const meeting = await findMeeting(db, meetingId);
  return meeting ? findCompoundChain(db, meeting.compound_id) : undefined;
}

/**
 * Inside a transaction: takes the meeting's row lock and reads the meeting again under it. Every
 * check-then-write on a meeting (its status, its frozen agenda, its numbering) goes through this,
 * so two server instances acting on the same meeting at once run one after the other and the
 * second sees what the first did. (SQLite runs one transaction at a time anyway.)
 */
export async function lockMeeting(trx: Db, meetingId: string): Promise<MeetingRow> {
  await lockRow(trx, 'meetings', meetingId);
  const meeting = await findMeeting(trx, meetingId);
  if (!meeting) throw new DomainError('meeting_not_found');
  return meeting;
}

export function holdsAny(roles: ReadonlySet<Role>, allowed: readonly Role[]): boolean {
  return allowed.some((r) => roles.has(r));
}

/** The convener side: creates, publishes, opens, closes, and reopens a frozen agenda. */
export function assertRunner(loaded: LoadedMeeting): void {
  if (!holdsAny(loaded.roles, loaded.spec.runners)) throw new DomainError('forbidden');
}

/** Kinds whose attendees are invited and signed in at the door, by party (the sign-in list, the quorum). */
export function attendedByParties(spec: MeetingKindSpec): boolean {
  return spec.attendance === 'parties';
}

/**
 * Refuses a step the meeting's kind does not offer (`offers` asks its spec: sign-in, outcomes,
 * questions …); the error names the kind that does.
 */
export function assertKindOffers(loaded: LoadedMeeting, offers: (spec: MeetingKindSpec) => boolean): void {
  if (offers(loaded.spec)) return;
  throw new DomainError('meeting_wrong_kind', { kind: meetingKindsWhere(offers)[0] ?? loaded.kind });
}
