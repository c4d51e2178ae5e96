/**
 * The signatures of minutes whose kind has its attending members sign them in the app (an owners'
 * committee meeting): each member who was signed in at the meeting confirms the draft they read
 * (我已核对，确认签字). A signature is of a text: the SHA-256 of the draft as it stood, so a draft that
 * changes afterwards needs signing again, and the earlier signatures stay on record. The minutes are
 * published only once every attending member has signed the text being published; the published
 * header names each signatory with the time they signed.
 */
import { createHash } from 'node:crypto';
import { DomainError, type MinutesHeader, type StaffMinutes } from '@yishi/core';
import { listAttendance } from '../db/repositories/meetings.repository.js';
import { insertMinutesSignature, listMinutesSignatures } from '../db/repositories/minutes.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../auth/actor.js';
import type { LoadedMeeting } from './meeting-access.js';

export type SignatureState = NonNullable<StaffMinutes['signatures']>;

/** The fingerprint of a draft text a signature is of. */
export function draftHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

interface Signer {
  attendanceId: string;
  userId: string | null;
  name: string;
  organisation: string;
  signedAt: string | null;
  stale: boolean;
}

async function signers(db: Db, meetingId: string, body: string | null): Promise<Signer[]> {
  const attending = (await listAttendance(db, meetingId)).filter((a) => a.signed_in_at !== null);
  const signatures = await listMinutesSignatures(db, meetingId);
  const hash = body === null ? null : draftHash(body);
  return attending.map((a) => {
    const own = signatures.filter((s) => s.attendance_id === a.id);
    const current = own.find((s) => s.body_sha256 === hash);
    return {
      attendanceId: a.id,
      userId: a.user_id,
      name: a.name,
      organisation: a.organisation,
      signedAt: current?.signed_at ?? null,
      stale: !current && own.length > 0,
    };
  });
}

/** Who signed the draft `body` (null before there is one), or null for a kind without signatures. */
export async function signatureState(db: Db, loaded: LoadedMeeting, body: string | null): Promise<SignatureState | null> {
  if (!loaded.spec.minutes.memberSignatures) return null;
  const list = await signers(db, loaded.meeting.id, body);
  return {
    signers: list.map(({ organisation: _organisation, ...s }) => s),
    complete: list.length > 0 && list.every((s) => s.signedAt !== null),
  };
}

/** The caller may sign now: an attending member, a draft, nothing published, not yet signed this text. */
export function maySign(state: SignatureState | null, actor: Actor, hasDraft: boolean, published: boolean): boolean {
  if (!state || !hasDraft || published) return false;
  return state.signers.some((s) => s.userId === actor.userId && s.signedAt === null);
}

/** Records the caller's signature of `body` (once per text), inside the caller's transaction. */
export async function recordSignature(trx: Db, loaded: LoadedMeeting, actor: Actor, body: string, nowIso: string): Promise<void> {
  const me = (await listAttendance(trx, loaded.meeting.id)).find((a) => a.user_id === actor.userId && a.signed_in_at !== null);
  if (!me) throw new DomainError('minutes_sign_not_attendee');
  const hash = draftHash(body);
  const already = (await listMinutesSignatures(trx, loaded.meeting.id)).some((s) => s.attendance_id === me.id && s.body_sha256 === hash);
  if (already) return;
  await insertMinutesSignature(trx, {
    id: newId(),
    meeting_id: loaded.meeting.id,
    attendance_id: me.id,
    user_id: actor.userId,
    name: me.name,
    body_sha256: hash,
    signed_at: nowIso,
  });
}

/**
 * Before publication: every attending member signed `body`, or `minutes_signatures_missing` naming
 * who has not. Answers the header to publish, its signatories each with the time they signed; a
 * kind without signatures publishes the header as it is.
 */
export async function signedHeaderFor(db: Db, loaded: LoadedMeeting, header: MinutesHeader, body: string): Promise<MinutesHeader> {
  if (!loaded.spec.minutes.memberSignatures) return header;
  const list = await signers(db, loaded.meeting.id, body);
  const missing = list.filter((s) => s.signedAt === null);
  if (list.length === 0 || missing.length > 0) {
    throw new DomainError('minutes_signatures_missing', { names: missing.map((s) => s.name).join('、') || '—' });
  }
  return { ...header, signatories: list.map((s) => ({ name: s.name, organisation: s.organisation, signedAt: s.signedAt })) };
}
