/**
 * Who is logged in, as `GET /api/session` describes them (null for anonymous visitors, answered
 * without a 401 so public pages log no failed request), cached for the page's lifetime. Logging in
 * or out refreshes it and tells listeners.
 */
import { MEMBER_ROLE, authEndpoints, type Me, type MeetingHats, type Party, type Role } from '@yishi/core';
import { api } from '../api/client.js';

export const SESSION_CHANGED = 'yishi-session-changed';
const events = new EventTarget();

let me: Me | null | undefined;
let pending: Promise<Me | null> | null = null;

export function currentMe(): Me | null {
  return me ?? null;
}

export function loadMe(options: { force?: boolean } = {}): Promise<Me | null> {
  if (me !== undefined && !options.force) return Promise.resolve(me);
  pending ??= api
    .call(authEndpoints.session, {})
    .then(({ me: value }) => {
      me = value;
      events.dispatchEvent(new Event(SESSION_CHANGED));
      return value;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

export async function logIn(login: string, password: string): Promise<Me | null> {
  await api.call(authEndpoints.login, { body: { login, password } });
  return loadMe({ force: true });
}

export async function logOut(): Promise<void> {
  await api.call(authEndpoints.logout, {});
  me = null;
  events.dispatchEvent(new Event(SESSION_CHANGED));
}

/** Forgets the cached session (after a 401 from an expired cookie) without calling the server. */
export function forgetSession(): void {
  me = null;
  events.dispatchEvent(new Event(SESSION_CHANGED));
}

export function onSessionChange(listener: () => void): () => void {
  events.addEventListener(SESSION_CHANGED, listener);
  return () => events.removeEventListener(SESSION_CHANGED, listener);
}

/** The roles I hold at a compound (from /api/me); empty when none. */
export function rolesAt(compoundId: string): readonly Role[] {
  return currentMe()?.compounds.find((c) => c.id === compoundId)?.myRoles ?? [];
}

/** Who I am at a compound as the meeting rules see me: my roles there and the parties I represent there. */
export function meetingHatsAt(compoundId: string): MeetingHats {
  const parties = new Set<Party>();
  for (const g of currentMe()?.grants ?? []) if (g.role === MEMBER_ROLE && g.compoundId === compoundId && g.party) parties.add(g.party);
  return { roles: new Set(rolesAt(compoundId)), parties };
}

/** Whether I hold one of these roles at a compound (from /api/me). */
export function holdsRoleAt(compoundId: string, roles: readonly Role[]): boolean {
  const mine = rolesAt(compoundId);
  return roles.some((role) => mine.includes(role));
}
