/**
 * Owners, residents and invited staff set up their own accounts; nobody else ever types their
 * password. A person proves who they are with a one-time code: from an activation letter the
 * building head delivered, from an SMS to the phone on the roster, from a staff member in person
 * (also how a forgotten password is replaced), or from an invitation link. They agree to the privacy
 * notice, then choose a password, or log in by SMS code only. The same SMS code logs an activated
 * account in.
 */
import {
  DomainError,
  privacyNoticeAudience,
  privacyNoticeVersion,
  SMS_CODE_MAX_ATTEMPTS,
  formatChinaDateTime,
  formatUnitLabel,
  maskName,
  type ActivateInput,
  type ActivationLookup,
  type smsCodeSentSchema,
} from '@yishi/core';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { hashPassword } from '../auth/password.js';
import { recheckLiveAccess } from '../collab/attach.js';
import { publicUrlOf } from '../config.js';
import { newId } from '../db/ids.js';
import {
  countSmsCodesSince,
  deleteSessionsOfUser,
  findAccessCodesByHash,
  findPerson,
  findPersonByPhone,
  findUserByPerson,
  findUserByPhone,
  insertUser,
  latestSmsCode,
  markCodeUsed,
  recordCodeAttempt,
  updateUser,
  voidOpenCodes,
} from '../db/repositories/accounts.repository.js';
import { listPersonsOfUnits } from '../db/repositories/activation.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { placeLabel } from '../db/repositories/place-tree.repository.js';
import { findUserById, listRoleAssignments, listUnitsOfPerson } from '../db/repositories/users.repository.js';
import type { AccessCodeRow, UserRow } from '../db/tables/accounts.table.js';
import type { Deps } from '../deps.js';
import { startSession, type ClientInfo } from './auth.service.js';
import { hashAccessCode, issueAccessCode } from './access-codes.js';
import { phoneTailAmong } from './masked-names.js';
import { CODE_GUESSES_PER_ADDRESS, SMS_PER_ADDRESS, assertWithinLimit, countAttempt } from './rate-limit.js';

/** A phone gets a new SMS code at most once a minute and ten times a day. */
const SMS_RESEND_SECONDS = 60;
const SMS_PER_PHONE_PER_DAY = 10;

// Finding what a code opens

/** The usable code behind what someone typed, or the error that says why it is not usable. */
async function findUsableCode(deps: Deps, typed: string, ip: string): Promise<AccessCodeRow> {
  await assertWithinLimit(deps, CODE_GUESSES_PER_ADDRESS, ip);
  const rows = await findAccessCodesByHash(deps.db, hashAccessCode(typed));
  const now = deps.clock().toISOString();
  const usable = rows.find((r) => !r.used_at && !r.voided_at && r.expires_at > now);
  if (usable) return usable;
  if (rows.length === 0) {
    await countAttempt(deps, CODE_GUESSES_PER_ADDRESS, ip);
    throw new DomainError('access_code_invalid');
  }
  const newest = rows.reduce((a, b) => (a.created_at > b.created_at ? a : b));
  // Whatever became of the code, the person it was for who has an account since only needs to log in.
  if (await holderIsActive(deps.db, newest)) throw new DomainError('access_code_account_active');
  if (newest.used_at) throw new DomainError('access_code_used');
  // Replaced by a newer code (a letter reprinted, an invitation sent again), never used: not "used".
  if (newest.voided_at) throw new DomainError('access_code_voided');
  throw new DomainError('access_code_expired', { expiredAt: formatChinaDateTime(newest.expires_at) });
}

/** Whether the person (or staff account) a code was issued to has an active account now. */
async function holderIsActive(db: Db, code: Pick<AccessCodeRow, 'user_id' | 'person_id'>): Promise<boolean> {
  if (code.user_id) return Boolean((await findUserById(db, code.user_id))?.activated_at);
  const person = code.person_id ? await findPerson(db, code.person_id) : undefined;
  if (!person) return false;
  const user = (await findUserByPerson(db, person.id)) ?? (person.phone ? await findUserByPhone(db, person.phone) : undefined);
  return Boolean(user?.activated_at);
}

interface CodeTargetResolved {
  user: UserRow | undefined;
  personId: string | null;
  name: string;
  phone: string | null;
  /** activate: a new account; reset: a new password for an active one; invitation: a staff account. */
  kind: ActivationLookup['kind'];
}

async function resolveTarget(db: Db, code: Pick<AccessCodeRow, 'kind' | 'user_id' | 'person_id'>): Promise<CodeTargetResolved> {
  if (code.user_id) {
    const user = await findUserById(db, code.user_id);
    if (!user) throw new DomainError('access_code_used');
    return { user, personId: user.person_id, name: user.display_name, phone: user.phone, kind: user.activated_at ? 'reset' : 'invitation' };
  }
  const person = code.person_id ? await findPerson(db, code.person_id) : undefined;
  if (!person) throw new DomainError('access_code_used');
  // A staff member invited earlier with this phone is the same human: the account is theirs.
  const user = (await findUserByPerson(db, person.id)) ?? (person.phone ? await findUserByPhone(db, person.phone) : undefined);
  if (user?.activated_at && code.kind === 'letter') throw new DomainError('access_code_account_active');
  if (user?.activated_at && code.kind === 'sms') throw new DomainError('already_activated');
  // A letter or a staff code outlives the roster it was issued from: a person since replaced on every flat
  // would open an account that belongs to nothing.
  if (!user?.activated_at && !(await opensSomething(db, user, person))) throw new DomainError('access_code_person_left');
  return { user, personId: person.id, name: person.name, phone: person.phone, kind: user?.activated_at ? 'reset' : 'activate' };
}

/** Whose privacy notice the account's activation shows: by its flats and its grants, as the lookup tells the page. */
async function noticeAudience(db: Db, target: CodeTargetResolved) {
  const [owned, lived] = target.personId ? await listUnitsOfPerson(db, target.personId) : [[], []];
  const grants = target.user ? await listRoleAssignments(db, target.user.id) : [];
  return privacyNoticeAudience({ units: [...owned, ...lived], grants });
}

async function describe(db: Db, target: CodeTargetResolved, expiresAt: string): Promise<ActivationLookup> {
  const [owned, lived] = target.personId ? await listUnitsOfPerson(db, target.personId) : [[], []];
  const units = [...owned, ...lived];
  const assignments = target.user ? await listRoleAssignments(db, target.user.id) : [];
  const roles = [...new Set(assignments.map((g) => g.role))];
  const grants = await Promise.all(assignments.map(async (g) => ({ role: g.role, placeLabel: await placeLabel(db, g.scope_kind, g.scope_id) })));
  const everyone = await listPersonsOfUnits(
    db,
    units.map((u) => u.unitId),
  );
  const phoneTail = target.personId
    ? phoneTailAmong(
        { personId: target.personId, name: target.name, phone: target.phone },
        units.map((u) => u.unitId),
        everyone,
      )
    : null;
  return {
    kind: target.kind,
    name: maskName(target.name),
    phoneTail,
    compoundName: units[0]?.compoundName ?? null,
    units: units.map((u) => formatUnitLabel(u.building, u.entrance, u.room)),
    roles,
    grants,
    codeOnlyAllowed: target.phone !== null,
    expiresAt,
  };
}

/** What a letter, staff or invitation code opens, for the activation page to greet the person. */
export async function lookupAccessCode(deps: Deps, typed: string, ip: string): Promise<ActivationLookup> {
  const code = await findUsableCode(deps, typed, ip);
  return describe(deps.db, await resolveTarget(deps.db, code), code.expires_at);
}

/**
 * Whether an account set up for this person (or the account already holding the phone) would open
 * anything: the person owns or lives in a unit on a roster, or the account holds a staff grant. A
 * person the roster has dropped (replaced on every unit) opens nothing: an account made for them
 * would belong to no flat and no compound.
 */
async function opensSomething(db: Db, user: UserRow | undefined, person: { id: string } | undefined): Promise<boolean> {
  if (user && (await listRoleAssignments(db, user.id)).length > 0) return true;
  for (const personId of new Set([person?.id, user?.person_id])) {
    if (!personId) continue;
    const [owned, lived] = await listUnitsOfPerson(db, personId);
    if (owned.length + lived.length > 0) return true;
  }
  return false;
}

// SMS codes

/**
 * Sends a 6-digit code to a phone that is on a roster (an owner or resident of a unit) or belongs to
 * an account with a staff grant. A phone that is neither gets a clear answer (people need to know to
 * ask their building head), at the price of telling that the number is not registered; the
 * per-address limit keeps that from being a lookup service.
 */
export async function requestSmsCode(deps: Deps, phone: string, ip: string): Promise<z.infer<typeof smsCodeSentSchema>> {
  await assertWithinLimit(deps, SMS_PER_ADDRESS, ip);
  const now = deps.clock();
  const today = await countSmsCodesSince(deps.db, phone, new Date(now.getTime() - 86_400_000).toISOString());
  if (today.latest) {
    const wait = Math.ceil((new Date(today.latest).getTime() + SMS_RESEND_SECONDS * 1000 - now.getTime()) / 1000);
    if (wait > 0) throw new DomainError('sms_too_soon', { seconds: wait }, { seconds: wait });
  }
  if (Number(today.count) >= SMS_PER_PHONE_PER_DAY) throw new DomainError('sms_phone_limit');

  const user = await findUserByPhone(deps.db, phone);
  const person = await findPersonByPhone(deps.db, phone);
  if (!(await opensSomething(deps.db, user, person))) throw new DomainError('phone_not_on_roster', { phone });
  const purpose = user?.activated_at ? 'login' : 'activate';
  await countAttempt(deps, SMS_PER_ADDRESS, ip);
  const issued = await issueAccessCode(deps.db, 'sms', { personId: person?.id ?? null, userId: user?.id ?? null, phone }, { now, createdBy: null });
  try {
    await deps.sms.send({ phone, template: 'verification_code', params: [issued.code, '5'] });
  } catch (error) {
    // Not sent: the code must not count against the person's resend wait, nor be usable.
    await voidOpenCodes(deps.db, { personId: person?.id, userId: user?.id }, ['sms'], now.toISOString());
    console.error('[yishi] SMS not sent:', (error as Error).message);
    throw new DomainError('sms_unavailable');
  }
  return {
    resendAfter: new Date(now.getTime() + SMS_RESEND_SECONDS * 1000).toISOString(),
    resendInSeconds: SMS_RESEND_SECONDS,
    expiresAt: issued.expiresAt,
    purpose,
  };
}

/** Checks a typed SMS code against the newest code sent to the phone; wrong tries count against it. */
async function verifySmsCode(deps: Deps, phone: string, typed: string, ip: string): Promise<AccessCodeRow> {
  await assertWithinLimit(deps, CODE_GUESSES_PER_ADDRESS, ip);
  const code = await latestSmsCode(deps.db, phone);
  const now = deps.clock().toISOString();
  if (!code || code.used_at || code.voided_at || code.expires_at <= now || code.attempts >= SMS_CODE_MAX_ATTEMPTS) throw new DomainError('sms_code_expired');
  if (code.code_hash !== hashAccessCode(typed)) {
    await recordCodeAttempt(deps.db, code.id);
    await countAttempt(deps, CODE_GUESSES_PER_ADDRESS, ip);
    const left = SMS_CODE_MAX_ATTEMPTS - code.attempts - 1;
    throw left > 0 ? new DomainError('sms_code_wrong', { left }) : new DomainError('sms_code_expired');
  }
  return code;
}

/**
 * What the SMS code sent to a phone opens, for the activation page to greet the person by masked name
 * and unit before they go on, as a letter code does. The code stays usable; a wrong one counts.
 */
export async function lookupSmsCode(deps: Deps, phone: string, typed: string, ip: string): Promise<ActivationLookup> {
  const code = await verifySmsCode(deps, phone, typed, ip);
  return describe(deps.db, await resolveTarget(deps.db, code), code.expires_at);
}

/** Logs an activated account in with the SMS code sent to its phone. */
export async function loginWithSmsCode(deps: Deps, phone: string, typed: string, client: ClientInfo) {
  const code = await verifySmsCode(deps, phone, typed, client.ip);
  const user = await findUserByPhone(deps.db, phone);
  if (!user?.activated_at) throw new DomainError('account_not_activated');
  if (user.disabled) throw new DomainError('account_disabled');
  if (!(await markCodeUsed(deps.db, code.id, deps.clock().toISOString()))) throw new DomainError('sms_code_expired');
  return startSession(deps, user.id, client);
}

// Activation

/**
 * Sets the account up: consent recorded, password chosen (or SMS-code login only), the code used,
 * every other open code of the person voided, and — when this replaces a forgotten password — every
 * other session ended. Logs the person in.
 */
export async function activateAccount(deps: Deps, input: ActivateInput, client: ClientInfo) {
  const code =
    input.code !== undefined ? await findUsableCode(deps, input.code, client.ip) : await verifySmsCode(deps, input.phone!, input.smsCode!, client.ip);
  const target = await resolveTarget(deps.db, code);
  const phone = target.user?.phone ?? target.phone;
  if (input.password === undefined && !phone) throw new DomainError('code_only_needs_phone');
  if (input.password !== undefined) assertPasswordAllowed(input.password, { phone });
  const passwordHash = input.password === undefined ? '' : await hashPassword(input.password);
  const now = deps.clock().toISOString();
  // The notice the page showed for this account (an owner's, a staff member's, or both): its version is what was agreed to.
  const noticeVersion = privacyNoticeVersion(await noticeAudience(deps.db, target));

  const userId = await deps.db.transaction().execute(async (trx) => {
    if (!(await markCodeUsed(trx, code.id, now))) throw new DomainError('access_code_used');
    const consent = { privacy_consent_at: now, privacy_notice_version: noticeVersion };
    let id: string;
    if (target.user) {
      id = target.user.id;
      await updateUser(trx, id, {
        ...consent,
        password_hash: passwordHash,
        activated_at: target.user.activated_at ?? now,
        ...(target.personId && !target.user.person_id ? { person_id: target.personId } : {}),
      });
      // A replaced password ends every session the old one opened.
      if (target.kind === 'reset') await deleteSessionsOfUser(trx, id);
    } else {
      id = newId();
      await insertUser(trx, {
        id,
        person_id: target.personId,
        username: null,
        phone: target.phone,
        display_name: target.name,
        password_hash: passwordHash,
        locale: 'zh-CN',
        disabled: 0,
        created_at: now,
        activated_at: now,
        ...consent,
      });
    }
    await voidOpenCodes(trx, { personId: target.personId, userId: id }, ['letter', 'staff', 'invitation', 'sms'], now);
    return id;
  });
  // The sessions the reset ended lose their live-document sockets too.
  if (target.kind === 'reset') await recheckLiveAccess(deps, userId);
  return startSession(deps, userId, client);
}

// Codes staff issue in person

/**
 * A building head (or the station staff) helping an owner: a fresh one-time code for a person of a
 * unit they serve. It activates the account, or replaces a forgotten password; the helper sees the
 * code, never the password.
 */
export async function issueCodeForPerson(deps: Deps, actor: Actor, unitId: string, personId: string) {
  const db = deps.db;
  const [owned, lived] = await listUnitsOfPerson(db, personId);
  if (![...owned, ...lived].some((u) => u.unitId === unitId)) throw new DomainError('person_not_in_unit');
  const person = (await findPerson(db, personId))!;
  const user = (await findUserByPerson(db, personId)) ?? (person.phone ? await findUserByPhone(db, person.phone) : undefined);
  const issued = await db.transaction().execute((trx) => issueAccessCode(trx, 'staff', { personId }, { now: deps.clock(), createdBy: actor.userId }));
  return {
    code: issued.code,
    kind: user?.activated_at ? ('reset' as const) : ('activate' as const),
    name: person.name,
    expiresAt: issued.expiresAt,
    link: `${publicUrlOf(deps.config)}/activate?code=${issued.code}`,
  };
}
