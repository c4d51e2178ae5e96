/** Loading a meeting with the place chain and the caller's roles there, shared by the meeting services. */
import {
  DomainError,
  MEMBER_ROLE,
  editsMeetingAgenda,
  isMeetingMember,
  meetingKind,
  meetingKindsWhere,
  runsMeeting,
  type MeetingHats,
  type MeetingKind,
  type MeetingKindSpec,
  type Party,
  type Role,
} from '@yishi/core';
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
  /** The parties the caller represents at the meeting's compound (their representative grants there). */
  parties: Set<Party>;
}

/** The parties someone represents at a compound: the parties of their representative grants there. */
export function partiesAt(actor: Actor | null, compoundId: string): Set<Party> {
  const parties = new Set<Party>();
  for (const g of actor?.grants ?? []) if (g.role === MEMBER_ROLE && g.compoundId === compoundId && g.party) parties.add(g.party);
  return parties;
}

/** Who someone is at a compound as the meeting rules see them: their roles and parties there. */
export function hatsAt(actor: Actor, chain: PlaceChain, compoundId: string): MeetingHats {
  return { roles: rolesAt(actor, chain), parties: partiesAt(actor, compoundId) };
}

export async function loadMeeting(db: Db, meetingId: string, actor: Actor | null): Promise<LoadedMeeting> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new DomainError('meeting_not_found');
  const chain = await findCompoundChain(db, meeting.compound_id);
  if (!chain) throw new DomainError('meeting_not_found');
  return {
    meeting,
    kind: meeting.kind,
    spec: meetingKind(meeting.kind),
    roles: actor ? rolesAt(actor, chain) : new Set(),
    parties: partiesAt(actor, meeting.compound_id),
  };
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

/** Runs this meeting: one of its kind's runners, or a member of a kind its members run. */
export function mayRun(loaded: LoadedMeeting): boolean {
  return runsMeeting(loaded.spec, loaded);
}

/** Edits this meeting's agenda and writes its minutes: its kind's agenda editors, and its members. */
export function mayEditAgenda(loaded: LoadedMeeting): boolean {
  return editsMeetingAgenda(loaded.spec, loaded);
}

/** A member of this meeting's kind at its compound (an owners' committee member). */
export function isMember(loaded: LoadedMeeting): boolean {
  return isMeetingMember(loaded.spec, loaded.parties);
}

/** The convener side: creates, publishes, opens, closes, and reopens a frozen agenda. */
export function assertRunner(loaded: LoadedMeeting): void {
  if (!mayRun(loaded)) throw new DomainError('forbidden');
}

/** Kinds whose attendees are invited and signed in at the door, by party (the sign-in list, the quorum). */
export function attendedByParties(spec: MeetingKindSpec): boolean {
  return spec.attendance === 'parties';
}

/** Kinds with a sign-in list: by party (a council) or by member (an owners' committee meeting). */
export function hasSignIn(spec: MeetingKindSpec): boolean {
  return !openToAll(spec);
}

/**
 * Kinds open to all (an evening talk): nobody signs in one by one; whoever runs it notes the cadres
 * present by name and counts the residents.
 */
export function openToAll(spec: MeetingKindSpec): boolean {
  return spec.attendance === 'open';
}

/**
 * Refuses a step the meeting's kind does not offer (`offers` asks its spec: sign-in, outcomes,
 * questions …); the error names the kind that does.
 */
export function assertKindOffers(loaded: LoadedMeeting, offers: (spec: MeetingKindSpec) => boolean): void {
  if (offers(loaded.spec)) return;
  throw new DomainError('meeting_wrong_kind', { kind: meetingKindsWhere(offers)[0] ?? loaded.kind });
}
