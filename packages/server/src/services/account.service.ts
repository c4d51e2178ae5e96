/**
 * Account care for the logged-in person: their password and the devices they are logged in on. A
 * session that ends here also closes the live-document sockets it opened (collab/socket-guard.ts).
 */
import { DomainError } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { recheckLiveAccess } from '../collab/attach.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { deleteSessionOfUser, deleteSessionsOfUser, listSessionsOfUser, updateUser } from '../db/repositories/accounts.repository.js';
import { isUniqueViolation } from '../db/errors.js';
import { findUserById, findUserByLogin } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';

/**
 * Changes the password; the old one is required when there is one (an account that logs in by SMS
 * code only has none and may set one). Every other session ends: whoever else had the old password
 * is out.
 */
export async function changePassword(deps: Deps, actor: Actor, input: { oldPassword?: string; newPassword: string }): Promise<void> {
  const user = await findUserById(deps.db, actor.userId);
  if (!user) throw new DomainError('unauthenticated');
  if (user.password_hash !== '' && !(input.oldPassword && (await verifyPassword(user.password_hash, input.oldPassword))))
    throw new DomainError('password_wrong');
  assertPasswordAllowed(input.newPassword, { phone: user.phone });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash });
    await deleteSessionsOfUser(trx, user.id, actor.sessionId);
  });
  await recheckLiveAccess(deps, user.id);
}

/** A login name besides the phone (staff who share a desk phone like one); unique across the installation. */
export async function setUsername(deps: Deps, actor: Actor, username: string): Promise<void> {
  const taken = await findUserByLogin(deps.db, username);
  if (taken && taken.id !== actor.userId) throw new DomainError('username_taken', { username });
  try {
    await updateUser(deps.db, actor.userId, { username });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('username_taken', { username });
    throw error;
  }
}

/** "Chrome on Android" from a user agent: enough to recognise one's own phone in a list. */
export function describeDevice(userAgent: string): string {
  if (!userAgent) return '';
  const browser = /MicroMessenger/i.test(userAgent)
    ? 'WeChat'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Firefox\//.test(userAgent)
          ? 'Firefox'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : '';
  const system = /Android/i.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/i.test(userAgent)
      ? 'iOS'
      : /HarmonyOS/i.test(userAgent)
        ? 'HarmonyOS'
        : /Windows/i.test(userAgent)
          ? 'Windows'
          : /Mac OS X/i.test(userAgent)
            ? 'macOS'
            : /Linux/i.test(userAgent)
              ? 'Linux'
              : '';
  return [browser, system].filter(Boolean).join(' · ') || userAgent.slice(0, 40);
}

export async function listMySessions(deps: Deps, actor: Actor) {
  const rows = await listSessionsOfUser(deps.db, actor.userId, deps.clock().toISOString());
  return {
    sessions: rows.map((s) => ({
      id: s.id,
      current: s.id === actor.sessionId,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      device: describeDevice(s.user_agent),
      ip: s.ip,
    })),
  };
}

export async function endMySession(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  const result = await deleteSessionOfUser(deps.db, actor.userId, sessionId);
  if (Number(result.numDeletedRows) === 0) throw new DomainError('session_not_found');
  await recheckLiveAccess(deps, actor.userId);
}

/** Signs out everywhere else; the session making the request stays. */
export async function endOtherSessions(deps: Deps, actor: Actor): Promise<void> {
  await deleteSessionsOfUser(deps.db, actor.userId, actor.sessionId);
  await recheckLiveAccess(deps, actor.userId);
}
