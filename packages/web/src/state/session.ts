/**
 * Who is logged in, as `GET /api/session` describes them (null for anonymous visitors, answered
 * without a 401 so public pages log no failed request), cached for the page's lifetime; on a first
 * visit, as the server wrote it into the page's HTML. Logging in
 * or out refreshes it and tells listeners.
 *
 * Offline (issue 19): the last answer is kept on this device (offline/snapshots.ts, loaded on demand), and when the
 * network fails the shell uses it, so a page visited before opens offline instead of bouncing to the login page; back
 * online, the session is asked again. Logging out (or a 401) forgets it with every page's offline copy.
 */
import { MEMBER_ROLE, authEndpoints, type Me, type MeetingHats, type Party, type Role, type Session } from '@yishi/core';
import { ApiError, api } from '../api/client.js';
import { dropFirstAnswers } from '../api/answers-in-page.js';
import { takeDataBlock } from '../api/page-data.js';
import { mayHoldOfflineCopies } from '../offline/offline-db.js';

export const SESSION_CHANGED = 'yishi-session-changed';
const LOGGED_OUT = 'yishi-logged-out';
/** On window, when the server answers again after the session was taken from this device: pages showing kept copies reload. */
export const RECONNECTED = 'yishi-reconnected';
/**
 * While the server cannot be reached, when the session is asked again: soon at first (a signal
 * coming back, or an "online" event that came a moment before the network), then every 15 s (the
 * browser's "online" event alone misses a dead signal). Until the answer comes the connection strip
 * says offline, though pages may load again already.
 */
const RETRY_MS = [2_000, 4_000, 8_000, 15_000];
const events = new EventTarget();

let me: Me | null | undefined;
let pending: Promise<Me | null> | null = null;
/** Whether `me` is the copy kept on this device, used while the server could not be reached. */
let fromDevice = false;

const offlineCopies = () => import('../offline/snapshots.js');

/**
 * Keeps who is logged in on this device, for offline use; or forgets it. Nobody logged in on a device
 * that never kept anything (a passer-by reading the notice board): nothing to forget, so neither the
 * offline copies' code nor their database is touched.
 */
async function keepLastMe(value: Me | null): Promise<void> {
  if (value === null && !(await mayHoldOfflineCopies())) return;
  await (await offlineCopies()).saveLastMe(value);
}

/** The session kept on this device, when the server could not be reached; the network's error otherwise. */
async function keptSession(error: unknown): Promise<Me | null> {
  if (!(error instanceof ApiError) || error.status !== 0) throw error;
  const kept = await offlineCopies()
    .then((copies) => copies.readLastMe<Me>())
    .catch(() => undefined);
  if (kept === undefined) throw error;
  fromDevice = true;
  scheduleRetry();
  return kept;
}

/** Asks the server again while the session is the device's copy (after RETRY_MS, and when the browser says it is online). */
function retry(): void {
  if (fromDevice) void loadMe({ force: true }).catch(() => undefined);
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** Tries since the browser last said online (or the session was last confirmed). */
let retries = 0;
function scheduleRetry(): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(retry, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]);
}

if (typeof window !== 'undefined')
  window.addEventListener('online', () => {
    retries = 0;
    retry();
  });

/** Whether the session shown is the copy kept on this device because the server could not be reached. */
export function isSessionFromDevice(): boolean {
  return fromDevice;
}

export function currentMe(): Me | null {
  return me ?? null;
}

/** The server's answer: kept on this device for offline use, then told to listeners. */
function answered(value: Me | null): Me | null {
  retries = 0;
  if (fromDevice) {
    fromDevice = false;
    queueMicrotask(() => window.dispatchEvent(new Event(RECONNECTED)));
  }
  void keepLastMe(value).catch(() => undefined);
  return value;
}

function settled(value: Me | null): Me | null {
  // Someone else now (logged in, or out): the answers the page had waiting were for the one before.
  if (me !== undefined && (me?.userId ?? null) !== (value?.userId ?? null)) dropFirstAnswers();
  me = value;
  events.dispatchEvent(new Event(SESSION_CHANGED));
  return value;
}

export function loadMe(options: { force?: boolean } = {}): Promise<Me | null> {
  if (me !== undefined && !options.force) return Promise.resolve(me);
  // On a first visit, as the server wrote it into the page's HTML (server: http/page-session.ts), taken once: the
  // page may load its data without asking first. A page the service worker answered from its copy has none.
  const inPage = me === undefined ? takeDataBlock<Session>('yishi-session') : undefined;
  if (inPage) return Promise.resolve(settled(answered(inPage.me)));
  pending ??= api
    .call(authEndpoints.session, {})
    .then(({ me: value }) => answered(value), keptSession)
    .then(settled)
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
  dropFirstAnswers();
  fromDevice = false;
  await offlineCopies()
    .then((copies) => copies.clearOfflineCopies())
    .catch(() => undefined);
  events.dispatchEvent(new Event(LOGGED_OUT));
  events.dispatchEvent(new Event(SESSION_CHANGED));
}

/**
 * Hears a logout asked for on this device (not a session that merely expired: work kept on the device,
 * such as live documents edited offline, waits for the same person to log in again rather than being lost).
 */
export function onLogOut(listener: () => void): () => void {
  events.addEventListener(LOGGED_OUT, listener);
  return () => events.removeEventListener(LOGGED_OUT, listener);
}

/** Forgets the cached session (after a 401 from an expired cookie) without calling the server. */
export function forgetSession(): void {
  me = null;
  dropFirstAnswers();
  fromDevice = false;
  void offlineCopies()
    .then((copies) => copies.clearOfflineCopies())
    .catch(() => undefined);
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
