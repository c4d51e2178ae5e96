/**
 * Who may keep a live-document socket open, checked for as long as it is open (the hub asks this at
 * connect time and on every change):
 * - at most `maxSocketsPerUser` sockets per person on this instance; the next is refused with 4429;
 * - live access ends with the session or the role that allowed it: when a person's sessions or
 *   grants change (logout, password change or reset, a session ended from "my sessions", a revoked
 *   role), the service that changed them calls `guard.userChanged(userId)`. This instance checks that
 *   person's sockets, the relay asks every other instance to do the same, and the call resolves when
 *   all have answered (3 s at most) — so when the logout is answered, no socket of that session is
 *   open anywhere (4401 when its session ended, 4403 when it lost the document; one that may still
 *   read is told it may no longer write);
 * - the relay is fire-and-forget, so as a bound every instance also checks, every
 *   `sessionCheckIntervalMs`, that the sessions behind all its sockets still exist (one query), and
 *   checks every socket again when the relay reconnects;
 * - the heartbeat: a socket that did not answer the previous ping is dropped.
 */
import type { WebSocket } from 'ws';
import { actorForSession, liveSessions } from '../services/auth.service.js';
import { CloseCode } from './close-codes.js';
import type { CollabHub } from './hub.js';
import { type Connection, type LiveDocument, readOnlyNotice, send } from './live-document.js';
import { authorizeDocument, type DocumentAccess } from './registry.js';

/** A socket's access decided again: `ended` when the session behind it has ended. */
export type Recheck = DocumentAccess | 'ended';

export class SocketGuard {
  /** Open sockets per person on this instance (counted from the upgrade until the socket closes). */
  private readonly perUser = new Map<string, number>();
  /** Counts checks, so a socket whose session was looked up while one ran is checked again (`checkedSince`). */
  private checks = 0;
  private sweeping = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly hub: CollabHub) {
    const { pingIntervalMs, sessionCheckIntervalMs } = hub.options;
    if (pingIntervalMs > 0) this.timers.push(setInterval(() => this.pingAll(), pingIntervalMs));
    if (sessionCheckIntervalMs > 0) this.timers.push(setInterval(() => void this.sweepSessions(), sessionCheckIntervalMs));
    for (const timer of this.timers) timer.unref();
  }

  /** Counts a new socket of the person; false when they already have the most one instance allows. */
  admit(userId: string): boolean {
    const open = this.perUser.get(userId) ?? 0;
    if (open >= this.hub.options.maxSocketsPerUser) return false;
    this.perUser.set(userId, open + 1);
    return true;
  }

  release(userId: string): void {
    const open = (this.perUser.get(userId) ?? 1) - 1;
    if (open > 0) this.perUser.set(userId, open);
    else this.perUser.delete(userId);
  }

  /** Taken before a socket's session is looked up at the upgrade; see `checkedSince`. */
  mark(): number {
    return this.checks;
  }

  /** Whether a check ran since the mark: it may have missed the socket being connected meanwhile. */
  checkedSince(mark: number): boolean {
    return this.checks !== mark;
  }

  /** A socket's access now: its session first, then the document's rule for the actor it is now. */
  async recheck(conn: Connection, name: string): Promise<Recheck> {
    const actor = await actorForSession(this.hub.deps, conn.userId, conn.sessionId);
    return actor ? authorizeDocument(this.hub.deps, actor, name) : 'ended';
  }

  /**
   * Applies a socket's re-decided access: closed when its session ended (4401) or it lost the document
   * (4403, 4404); told so, with the frozen document when frozen, when it may now only read.
   */
  apply(live: LiveDocument, conn: Connection, access: Recheck): void {
    if (access === 'ended') return conn.ws.close(CloseCode.SessionEnded, 'session ended');
    if (access === 'none' || access === 'not_found') {
      return conn.ws.close(access === 'not_found' ? CloseCode.UnknownDocument : CloseCode.Forbidden, 'access revoked');
    }
    const before = conn.access;
    conn.access = access;
    if (access !== 'write' && access !== before) send(conn.ws, readOnlyNotice(access, live.doc), this.hub.options.maxBufferedBytes);
  }

  /**
   * A person's sessions or roles changed: their sockets are checked again here and on every other
   * instance through the relay; resolves once all have done so (3 s at most for the others).
   */
  async userChanged(userId: string): Promise<void> {
    const elsewhere = this.hub.relay?.publishUserChanged(userId).catch((error: unknown) => console.error('[yishi relay] user change not relayed', error));
    await Promise.all([elsewhere, this.recheckUser(userId)]);
  }

  /** Checks every socket of one person on this instance again (their sessions or roles changed). */
  async recheckUser(userId: string): Promise<void> {
    this.checks += 1;
    const open = this.hub.connections(userId);
    const decided = await Promise.all(
      open.map(({ live, conn }) =>
        this.recheck(conn, live.name).then(
          (access) => ({ live, conn, access }),
          (error: unknown) => {
            // Left open: the periodic check or the next change decides again.
            console.error('[yishi collab] re-checking a socket failed', live.name, error);
            return null;
          },
        ),
      ),
    );
    for (const one of decided) if (one) this.apply(one.live, one.conn, one.access);
  }

  /** Checks every socket again (the relay reconnected: changes announced meanwhile were lost). */
  async recheckEveryone(): Promise<void> {
    const users = new Set(this.hub.connections().map(({ conn }) => conn.userId));
    for (const userId of users) await this.recheckUser(userId);
  }

  /** Closes the sockets whose session has ended (one query for all of them). */
  async sweepSessions(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    this.checks += 1;
    try {
      const open = this.hub.connections();
      if (open.length === 0) return;
      const live = await liveSessions(this.hub.deps, [...new Set(open.map(({ conn }) => conn.sessionId))]);
      for (const { conn } of open) if (!live.has(conn.sessionId)) conn.ws.close(CloseCode.SessionEnded, 'session ended');
    } catch (error) {
      console.error('[yishi collab] checking sessions failed', error);
    } finally {
      this.sweeping = false;
    }
  }

  /** Drops the sockets that did not answer the last ping, and pings the others. */
  private pingAll(): void {
    for (const { conn } of this.hub.connections()) {
      const ws = conn.ws;
      if (awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      awaitingPong.add(ws);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}

/** Sockets pinged and not yet answered (module-level: no closure per socket). */
const awaitingPong = new WeakSet<WebSocket>();

export function answeredPing(this: WebSocket): void {
  awaitingPong.delete(this);
}
