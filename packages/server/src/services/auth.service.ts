/**
 * Logging in and out, and turning a session cookie back into an actor. Sessions live in the database
 * (so logout and expiry are real, and several server instances share them); the cookie carries a
 * random token whose sha256 is the session id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type LoginInput, type Locale, type Party, type StaffRole } from '@yishi/core';
import type { Actor, Grant } from '../auth/actor.js';
import { verifyAgainstDummy, verifyPassword } from '../auth/password.js';
import { resolvePlaceChain } from '../db/repositories/places.repository.js';
import {
  clearLoginFailures,
  countRecentFailures,
  deleteExpiredSessions,
  deleteLoginFailure,
  markLoginFailure,
  deleteSession,
  findSession,
  insertLoginFailure,
  insertSession,
  pruneLoginFailures,
  touchSession,
} from '../db/repositories/sessions.repository.js';
import { findUserById, findUserByLogin, listRoleAssignments, listUnitLinks } from '../db/repositories/users.repository.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';

const DAY_MS = 86_400_000;
/** Sliding expiry is written at most this often, so a page load is not always a write. */
const TOUCH_INTERVAL_MS = 3_600_000;
/** Failures from one address before it is slowed down, whatever login it tries. */
const MAX_FAILURES_PER_IP = 30;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  userId: string;
  expiresAt: Date;
}

/** An attempt being checked is stored under this address until it fails; see login(). */
const PENDING_IP = '';

/**
 * Refuses when the account or the address has used up its tries. The caller's own attempt is
 * already stored under its login (as a failure until the password proves right), so a try goes
 * ahead only if at most `loginMaxFailures` stored attempts, its own included, fall in the window.
 * The address counts failures only (attempts still being checked carry no address), so people
 * logging in together from one network are not refused for each other's correct passwords.
 */
async function assertNotLocked(deps: Deps, loginKey: string, ip: string): Promise<void> {
  const { config, db, clock } = deps;
  const windowMs = config.loginLockMinutes * 60_000;
  const since = new Date(clock().getTime() - windowMs).toISOString();
  for (const [column, value, allowed] of [
    ['login_key', loginKey, config.loginMaxFailures + 1],
    ['ip', ip, MAX_FAILURES_PER_IP],
  ] as const) {
    const { count, oldest } = await countRecentFailures(db, column, value, since);
    if (Number(count) >= allowed && oldest) {
      const unlocksAt = new Date(oldest).getTime() + windowMs;
      const minutes = Math.max(1, Math.ceil((unlocksAt - clock().getTime()) / 60_000));
      throw new DomainError('login_locked', { minutes });
    }
  }
}

export async function login(deps: Deps, input: LoginInput, ip: string): Promise<LoginResult> {
  const { db, clock, config } = deps;
  const loginKey = input.login.toLowerCase();
  // The attempt is written down as a failure of the account BEFORE the brake is checked and before
  // the (slow) password check; a right password takes it back. Checking first and writing after
  // would let many guesses at one account sent at once (to one instance or spread over several)
  // all pass the check before any of them is recorded; this way the n-th sees at least n.
  const attemptId = newId();
  await insertLoginFailure(db, { id: attemptId, login_key: loginKey, ip: PENDING_IP, failed_at: clock().toISOString() });
  try {
    await assertNotLocked(deps, loginKey, ip);
  } catch (error) {
    // A refused try is not a guess: it must not push the lock further out.
    await deleteLoginFailure(db, attemptId);
    throw error;
  }

  const user = await findUserByLogin(db, input.login);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  const now = clock();
  if (!user || !ok) {
    await markLoginFailure(db, attemptId, ip);
    await pruneLoginFailures(db, new Date(now.getTime() - DAY_MS).toISOString());
    throw new DomainError('invalid_credentials');
  }
  if (user.disabled) {
    await deleteLoginFailure(db, attemptId);
    throw new DomainError('account_disabled');
  }
  await clearLoginFailures(db, loginKey);
  // Sessions that were never used again would otherwise stay forever; a login is a cheap moment to sweep.
  await deleteExpiredSessions(db, now.toISOString());

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionIdleDays * DAY_MS);
  await insertSession(db, {
    id: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    absolute_expires_at: new Date(now.getTime() + config.sessionAbsoluteDays * DAY_MS).toISOString(),
    last_seen_at: now.toISOString(),
  });
  return { token, userId: user.id, expiresAt };
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await deleteSession(deps.db, hashToken(token));
}

/** The actor behind a session token, or null when the session is unknown or has expired. */
export async function actorForToken(deps: Deps, token: string): Promise<Actor | null> {
  const { db, clock, config } = deps;
  const sessionId = hashToken(token);
  const session = await findSession(db, sessionId);
  if (!session) return null;
  const now = clock();
  if (session.expires_at <= now.toISOString() || session.absolute_expires_at <= now.toISOString()) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + config.sessionIdleDays * DAY_MS, new Date(session.absolute_expires_at).getTime()));
    await touchSession(db, sessionId, now.toISOString(), expiresAt.toISOString());
  }
  const actor = await loadActor(deps, session.user_id, sessionId);
  return actor;
}

export async function loadActor(deps: Deps, userId: string, sessionId = ''): Promise<Actor | null> {
  const { db } = deps;
  const user = await findUserById(db, userId);
  if (!user || user.disabled) return null;
  const grants: Grant[] = [];
  for (const assignment of await listRoleAssignments(db, userId)) {
    const chain = await resolvePlaceChain(db, assignment.scope_kind, assignment.scope_id);
    if (!chain) continue;
    grants.push({
      ...chain,
      role: assignment.role as StaffRole,
      scopeKind: assignment.scope_kind,
      scopeId: assignment.scope_id,
      party: assignment.party as Party | null,
      organisation: assignment.organisation,
      title: assignment.title,
    });
  }
  const ownedUnits = user.person_id ? await listUnitLinks(db, user.person_id, 'ownerships') : [];
  const residentUnits = user.person_id ? await listUnitLinks(db, user.person_id, 'residencies') : [];
  return {
    userId: user.id,
    personId: user.person_id,
    displayName: user.display_name,
    locale: (user.locale === 'en' ? 'en' : 'zh-CN') satisfies Locale,
    grants,
    ownedUnits,
    residentUnits,
    sessionId,
  };
}
