/**
 * Logging in and out, and turning a session cookie back into an actor. Sessions live in the database
 * (so logout and expiry are real, and several server instances share them); the cookie carries a
 * random token whose sha256 is the session id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, ROLE_LABELS, formatUnitLabel, type LoginInput, type Locale, type Me } from '@yishi/core';
import type { Actor, Grant } from '../auth/actor.js';
import { forgetActor, keepActor, keptActor } from '../auth/actor-cache.js';
import { verifyAgainstDummy, verifyPassword } from '../auth/password.js';
import { recheckLiveAccess } from '../collab/attach.js';
import { resolvePlaceChain } from '../db/repositories/places.repository.js';
import {
  clearLoginFailures,
  countRecentFailures,
  deleteExpiredSessions,
  deleteLoginFailure,
  markLoginFailure,
  deleteSession,
  findSession,
  findSessionWithAccount,
  insertLoginFailure,
  insertSession,
  liveSessionIds,
  pruneLoginFailures,
  touchSession,
} from '../db/repositories/sessions.repository.js';
import { findUserById, findUserByLogin, listRoleAssignments, listUnitLinks, listUnitsOfPerson, setUserLocale } from '../db/repositories/users.repository.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';
import { listCompoundsFor } from './compounds.service.js';

const DAY_MS = 86_400_000;
/** Sliding expiry is written at most this often, so a page load is not always a write. */
const TOUCH_INTERVAL_MS = 3_600_000;
/** Failures from one address in the window before its logins are slowed down (never locked). */
const ADDRESS_SLOW_AFTER = 30;
/** Each failure past that adds this much delay, up to ADDRESS_MAX_DELAY_MS. */
const ADDRESS_DELAY_STEP_MS = 200;
const ADDRESS_MAX_DELAY_MS = 5_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  userId: string;
  expiresAt: Date;
  /** How long this login was held back because its address had many failures (0 when not). */
  delayedMs: number;
}

/** Where a login comes from: the address (for the per-address slow-down) and the device (for "my sessions"). */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** An attempt being checked is stored under this address until it fails; see login(). */
const PENDING_IP = '';

/**
 * The brake is per ACCOUNT: an account's username and its phone are one counter (`user:<id>`), and a
 * login string that names no account has its own (`login:<text>`), so guessing at unknown names
 * never locks a real account. The caller's own attempt is already stored (as a failure until the
 * password proves right), so a try goes ahead only if at most `loginMaxFailures` stored attempts,
 * its own included, fall in the window.
 */
async function assertAccountNotBraked(deps: Deps, brakeKey: string): Promise<void> {
  const { config, db, clock } = deps;
  const windowMs = config.loginLockMinutes * 60_000;
  const since = new Date(clock().getTime() - windowMs).toISOString();
  const { count, oldest } = await countRecentFailures(db, 'login_key', brakeKey, since);
  if (Number(count) >= config.loginMaxFailures + 1 && oldest) {
    const unlocksAt = new Date(oldest).getTime() + windowMs;
    const minutes = Math.max(1, Math.ceil((unlocksAt - clock().getTime()) / 60_000));
    throw new DomainError('login_locked', { minutes });
  }
}

/**
 * A whole compound often shares one carrier address (NAT), so an address is never locked: past
 * ADDRESS_SLOW_AFTER failures in the window its logins are slowed, which makes guessing from it
 * slow while a resident with the right password still gets in.
 */
async function addressDelayMs(deps: Deps, ip: string): Promise<number> {
  const since = new Date(deps.clock().getTime() - deps.config.loginLockMinutes * 60_000).toISOString();
  const { count } = await countRecentFailures(deps.db, 'ip', ip, since);
  const over = Number(count) - ADDRESS_SLOW_AFTER + 1;
  return over > 0 ? Math.min(ADDRESS_MAX_DELAY_MS, over * ADDRESS_DELAY_STEP_MS) : 0;
}

export async function login(deps: Deps, input: LoginInput, client: ClientInfo): Promise<LoginResult> {
  const { db, clock } = deps;
  // Login names are lower case (usernameSchema); what people type may not be.
  const user = await findUserByLogin(db, input.login.toLowerCase());
  const brakeKey = user ? `user:${user.id}` : `login:${input.login.toLowerCase()}`;
  // The attempt is written down as a failure of the account BEFORE the brake is checked and before
  // the (slow) password check; a right password takes it back. Checking first and writing after
  // would let many guesses at one account sent at once (to one instance or spread over several)
  // all pass the check before any of them is recorded; this way the n-th sees at least n.
  const attemptId = newId();
  await insertLoginFailure(db, { id: attemptId, login_key: brakeKey, ip: PENDING_IP, failed_at: clock().toISOString() });
  try {
    await assertAccountNotBraked(deps, brakeKey);
  } catch (error) {
    // A refused try is not a guess: it must not push the lock further out.
    await deleteLoginFailure(db, attemptId);
    throw error;
  }
  const delayedMs = await addressDelayMs(deps, client.ip);
  if (delayedMs > 0) await new Promise((resolve) => setTimeout(resolve, delayedMs));

  // An account without a password (invited, or SMS-code login only) never matches one.
  const ok = user && user.password_hash !== '' ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  const now = clock();
  if (!user || !ok) {
    await markLoginFailure(db, attemptId, client.ip);
    await pruneLoginFailures(db, new Date(now.getTime() - DAY_MS).toISOString());
    throw new DomainError('invalid_credentials');
  }
  if (user.disabled) {
    await deleteLoginFailure(db, attemptId);
    throw new DomainError('account_disabled');
  }
  await clearLoginFailures(db, brakeKey);
  return { ...(await startSession(deps, user.id, client)), delayedMs };
}

/** A new session for a user who has just proved who they are (password, SMS code, activation). */
export async function startSession(deps: Deps, userId: string, client: ClientInfo): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const { db, clock, config } = deps;
  const now = clock();
  // Sessions that were never used again would otherwise stay forever; a login is a cheap moment to sweep.
  await deleteExpiredSessions(db, now.toISOString());
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionIdleDays * DAY_MS);
  await insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    absolute_expires_at: new Date(now.getTime() + config.sessionAbsoluteDays * DAY_MS).toISOString(),
    last_seen_at: now.toISOString(),
    user_agent: client.userAgent.slice(0, 300),
    ip: client.ip.slice(0, 64),
  });
  return { token, userId, expiresAt };
}

/** Ends the session; the live-document sockets it opened are closed (4401), on every instance. */
export async function logout(deps: Deps, token: string): Promise<void> {
  const session = await findSession(deps.db, hashToken(token));
  if (!session) return;
  await deleteSession(deps.db, session.id);
  forgetActor(deps.db, session.id);
  await recheckLiveAccess(deps, session.user_id);
}

/**
 * The actor behind a session token, or null when the session is unknown or has expired. One statement
 * reads the session with its account; the actor kept from an earlier request serves while the
 * account's grants and units are unchanged (auth/actor-cache.ts), and is built again otherwise.
 */
export async function actorForToken(deps: Deps, token: string): Promise<Actor | null> {
  const { db, clock, config } = deps;
  const sessionId = hashToken(token);
  const session = await findSessionWithAccount(db, sessionId);
  if (!session) return null;
  const now = clock();
  if (session.expires_at <= now.toISOString() || session.absolute_expires_at <= now.toISOString()) {
    await deleteSession(db, sessionId);
    forgetActor(db, sessionId);
    return null;
  }
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + config.sessionIdleDays * DAY_MS, new Date(session.absolute_expires_at).getTime()));
    await touchSession(db, sessionId, now.toISOString(), expiresAt.toISOString());
  }
  if (session.disabled) return null;
  const stamp = {
    userId: session.user_id,
    personId: session.person_id,
    accessVersion: Number(session.access_version),
    displayName: session.display_name,
    locale: localeOf(session.locale),
  };
  const kept = keptActor(db, sessionId, stamp, now.getTime());
  if (kept) return kept;
  const actor = await loadActor(deps, session.user_id, sessionId);
  if (actor) keepActor(db, sessionId, stamp, actor, now.getTime());
  return actor;
}

/**
 * The actor behind one session of a user, or null when the session has ended (logged out, ended from
 * "my sessions", ended by a password change, expired). Unlike a request it does not extend the
 * session: an open live-document socket is checked again with this (collab/socket-guard.ts).
 */
export async function actorForSession(deps: Deps, userId: string, sessionId: string): Promise<Actor | null> {
  const session = await findSession(deps.db, sessionId);
  const now = deps.clock().toISOString();
  if (!session || session.user_id !== userId || session.expires_at <= now || session.absolute_expires_at <= now) return null;
  return loadActor(deps, userId, sessionId);
}

/** Which of these sessions have not ended (the periodic check of open live-document sockets). */
export function liveSessions(deps: Deps, sessionIds: readonly string[]): Promise<Set<string>> {
  return liveSessionIds(deps.db, sessionIds, deps.clock().toISOString());
}

function localeOf(stored: string): Locale {
  return stored === 'en' ? 'en' : 'zh-CN';
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
      role: assignment.role,
      scopeKind: assignment.scope_kind,
      scopeId: assignment.scope_id,
      party: assignment.party,
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
    locale: localeOf(user.locale),
    grants,
    ownedUnits,
    residentUnits,
    sessionId,
  };
}

/** Who I am (`GET /api/me`): my grants with their words, my compounds with my roles there, my units. */
export async function describeMe(deps: Deps, actor: Actor): Promise<Me> {
  const [owned, lived] = actor.personId ? await listUnitsOfPerson(deps.db, actor.personId) : [[], []];
  const label = (u: (typeof owned)[number]) => ({ ...u, label: formatUnitLabel(u.building, u.entrance, u.room) });
  return {
    userId: actor.userId,
    displayName: actor.displayName,
    locale: actor.locale,
    grants: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      scopeKind: g.scopeKind,
      scopeId: g.scopeId,
      compoundId: g.compoundId ?? null,
      party: g.party,
      organisation: g.organisation,
      title: g.title,
    })),
    ownedUnitIds: actor.ownedUnits.map((u) => u.unitId),
    residentUnitIds: actor.residentUnits.map((u) => u.unitId),
    compounds: await listCompoundsFor(deps, actor),
    ownedUnits: owned.map(label),
    residentUnits: lived.map(label),
  };
}

/** Remembers a logged-in user's interface language (the server's messages follow it). */
export async function setMyLocale(deps: Deps, actor: Actor | null, locale: Locale): Promise<void> {
  if (actor) await setUserLocale(deps.db, actor.userId, locale);
}
