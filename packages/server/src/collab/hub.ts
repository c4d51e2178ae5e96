/**
 * The live documents held in memory and the sockets editing them, speaking the standard y-websocket
 * protocol (sync + awareness from y-protocols), so the stock WebsocketProvider connects unchanged.
 *
 * Guarantees, in order of importance:
 * - a client gets its first sync only after the stored document has loaded (messages that arrive
 *   earlier wait in a queue; y-websocket #81);
 * - every update is written to the update log BEFORE it is broadcast: stores and sends of one
 *   document run through one promise chain, so nothing leaves the server that a restart could lose
 *   (updates arriving together are stored in one statement: group commit, see `flush`);
 * - read-only sockets receive everything, and their document updates are dropped; each is told it
 *   may not write, in y-protocols' "permission denied" message (which the stock WebsocketProvider
 *   logs and otherwise ignores), when it opens and whenever it loses the right — with the frozen
 *   document when the agenda was frozen, so an editor hands back what missed the freeze;
 * - a malformed or oversized message closes only that socket, with a close code; the document is
 *   not touched because an update is fully decoded before it is applied;
 * - a document nobody has open is compacted and unloaded after an idle delay;
 * - with a relay (several instances, see relay.ts), every stored update and awareness change goes to
 *   the other instances holding the document, and theirs come here: applied and sent to our sockets,
 *   never stored twice. Locking before a freeze reaches every instance.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { CloseCode } from './close-codes.js';
import { compactDocument, loadStoredDocument, type AppendDurability } from './persistence.js';
import { authorizeDocument, type DocumentAccess } from './registry.js';
import type { CollabRelay } from './relay.js';
import { answeredPing, SocketGuard } from './socket-guard.js';
import { type Connection, FROM_RELAY, LiveDocument, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, readOnlyNotice, send } from './live-document.js';

export interface CollabOptions {
  /** Largest single websocket message accepted (bytes). */
  maxMessageBytes: number;
  /** Unload a document this long after its last socket closed. */
  idleUnloadMs: number;
  /** Fold the update log into the snapshot once it is this long. */
  compactEvery: number;
  /** How durable an update is before it is broadcast (persistence.ts AppendDurability). */
  durability: AppendDurability;
  /**
   * Every this long each socket is pinged; one that has not answered the previous ping is dropped
   * (a phone that lost its signal leaves a half-open connection behind). 0 turns it off.
   */
  pingIntervalMs: number;
  /**
   * Most bytes waiting to be sent to one socket: one that stopped reading with more than this waiting
   * is closed with 4509 (slow consumer) instead of the server holding everything sent to it.
   */
  maxBufferedBytes: number;
  /** Most sockets one person may have open on this instance; the next is refused with 4429. */
  maxSocketsPerUser: number;
  /** Every this long the sessions behind all sockets are checked (see socket-guard.ts). 0 turns it off. */
  sessionCheckIntervalMs: number;
}

export const DEFAULT_COLLAB_OPTIONS: CollabOptions = {
  maxMessageBytes: 512 * 1024,
  idleUnloadMs: 30_000,
  compactEvery: 200,
  durability: 'process',
  pingIntervalMs: 30_000,
  maxBufferedBytes: 2 * 1024 * 1024,
  maxSocketsPerUser: 8,
  sessionCheckIntervalMs: 15_000,
};

export class CollabHub {
  private readonly documents = new Map<string, LiveDocument>();
  private closing = false;
  /** The per-person socket cap, the heartbeat, and the checks that end live access with a session or a role. */
  readonly guard: SocketGuard;
  /** Documents this instance locked (see `lock`); one loaded meanwhile starts locked. */
  private readonly lockedNames = new Set<string>();
  /** Counts re-authorizations, so a socket authorized while one ran is authorized again (see `connect`). */
  private refreshes = 0;

  constructor(
    readonly deps: Deps,
    readonly options: CollabOptions = DEFAULT_COLLAB_OPTIONS,
    readonly relay: CollabRelay | null = null,
  ) {
    this.guard = new SocketGuard(this);
    relay?.setHandlers({
      update: (name, update) => this.fromRelay(name, (live) => Y.applyUpdate(live.doc, update, FROM_RELAY)),
      awareness: (name, update) => this.fromRelay(name, (live) => awarenessProtocol.applyAwarenessUpdate(live.awareness, update, FROM_RELAY)),
      awarenessQuery: (name) =>
        this.fromRelay(name, (live) => {
          const states = live.localAwareness();
          if (states) relay.publishAwareness(name, states);
        }),
      lock: (name) => this.lockHere(name),
      refresh: (name) => void this.refreshHere(name),
      resync: () => void this.resync().then(() => this.guard.recheckEveryone()),
      userChanged: (userId) => this.guard.recheckUser(userId),
    });
  }

  /** Applies a relay message to a document this instance holds (after it has loaded). */
  private fromRelay(name: string, apply: (live: LiveDocument) => void): void {
    const live = this.documents.get(name);
    if (!live || live.failed) return;
    live.whenLoaded(() => {
      if (this.documents.get(name) === live) apply(live);
    });
  }

  /**
   * After the relay lost messages: merge every held document with what is stored (updates other
   * instances stored meanwhile), and pass what was missing on to our sockets.
   */
  private async resync(): Promise<void> {
    for (const live of [...this.documents.values()]) {
      if (!live.loaded || live.failed) continue;
      try {
        const stored = await loadStoredDocument(this.deps.db, live.name);
        Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(stored.doc, Y.encodeStateVector(live.doc)), FROM_RELAY);
        stored.doc.destroy();
        this.relay?.queryAwareness(live.name);
      } catch (error) {
        console.error('[yishi collab] resync failed', live.name, error);
      }
    }
  }

  /** Whether anyone, on any instance, has the document open. */
  async isLive(name: string): Promise<boolean> {
    if (this.documents.has(name)) return true;
    return (await this.relay?.heldElsewhere(name)) ?? false;
  }

  /** For the health check: 'off' without a relay. */
  async relayHealth(): Promise<'ok' | 'off' | 'unreachable'> {
    if (!this.relay) return 'off';
    return (await this.relay.ping()) ? 'ok' : 'unreachable';
  }

  /** Every open socket with its document, or one person's (re-authorization; tests). */
  connections(userId?: string): Array<{ live: LiveDocument; conn: Connection }> {
    const found: Array<{ live: LiveDocument; conn: Connection }> = [];
    for (const live of this.documents.values()) {
      for (const conn of live.connections.values()) if (userId === undefined || conn.userId === userId) found.push({ live, conn });
    }
    return found;
  }

  /** Documents currently held in memory (for tests and the health page). */
  loadedDocuments(): string[] {
    return [...this.documents.keys()];
  }

  /**
   * Takes an upgraded socket: authorizes it for the document, then joins it to the live copy. `mark`
   * is `guard.mark()` from before the actor's session was looked up.
   */
  async connect(ws: WebSocket, actor: Actor, name: string, mark = this.guard.mark()): Promise<void> {
    const userId = actor.userId;
    if (!this.guard.admit(userId)) return ws.close(CloseCode.TooManySockets, 'too many sockets');
    // Messages that arrive while we authorize and load wait here, in order. (One listener for the
    // socket's whole life, its state in plain variables: every closure and context kept per socket
    // counts on a server holding thousands of idle ones.)
    let early: Uint8Array[] | null = [];
    let live: LiveDocument | undefined;
    let conn: Connection | undefined;
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      if (!isBinary) return ws.close(CloseCode.MalformedMessage, 'binary messages only');
      const bytes = toBytes(data);
      if (bytes.byteLength > this.options.maxMessageBytes) return ws.close(CloseCode.MessageTooLarge, 'message too large');
      if (early) early.push(bytes);
      else this.receive(live!, conn!, bytes);
    });
    ws.on('error', terminateOnError);
    ws.on('pong', answeredPing);
    ws.on('close', () => {
      this.guard.release(userId);
      if (live && conn) this.disconnect(live, conn);
    });

    let access: DocumentAccess;
    const refreshesBefore = this.refreshes;
    try {
      access = await authorizeDocument(this.deps, actor, name);
    } catch (error) {
      console.error('[yishi collab] authorization failed', name, error);
      return ws.close(CloseCode.StorageFailed, 'try again');
    }
    if (access === 'not_found') return ws.close(CloseCode.UnknownDocument, 'unknown document');
    if (access === 'none') return ws.close(CloseCode.Forbidden, 'forbidden');
    if (this.closing || ws.readyState !== ws.OPEN) return ws.close(CloseCode.ServerClosing, 'closing');

    live = this.documentFor(name);
    conn = { ws, userId, sessionId: actor.sessionId, access, clientIds: [] };
    live.connections.set(ws, conn);
    // A re-authorization (a freeze, a logout, a revoked role) that ran while we looked up the session
    // or authorized did not see this socket: decide again.
    if (this.refreshes !== refreshesBefore || this.guard.checkedSince(mark)) {
      const again = await this.guard.recheck(conn, name).catch(() => 'none' as const);
      if (again === 'write' || again === 'read' || again === 'frozen') conn.access = again;
      else return this.guard.apply(live, conn, again);
    }
    try {
      await live.ready;
    } catch (error) {
      console.error('[yishi collab] loading failed', name, error);
      this.evict(live, CloseCode.StorageFailed, 'load failed');
      return;
    }
    if (ws.readyState !== ws.OPEN) return;

    // First sync: our state vector (the client answers with what we lack) and who is here.
    const cap = this.options.maxBufferedBytes;
    await live.enqueue(() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, live.doc);
      send(ws, encoding.toUint8Array(encoder), cap);
      const states = [...live.awareness.getStates().keys()];
      if (states.length > 0) {
        const aw = encoding.createEncoder();
        encoding.writeVarUint(aw, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(live.awareness, states));
        send(ws, encoding.toUint8Array(aw), cap);
      }
      if (conn.access !== 'write') send(ws, readOnlyNotice(conn.access, live.doc), cap);
    });
    const queued = early;
    early = null;
    for (const data of queued) this.receive(live, conn, data);
  }

  private receive(live: LiveDocument, conn: Connection, data: Uint8Array): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          Y.decodeStateVector(stateVector); // throws on garbage
          // Pending updates are stored first: the reply never contains an update not yet on disk.
          void live
            .enqueue(async () => {
              await live.flush();
              const encoder = encoding.createEncoder();
              encoding.writeVarUint(encoder, MESSAGE_SYNC);
              syncProtocol.writeSyncStep2(encoder, live.doc, stateVector);
              send(conn.ws, encoding.toUint8Array(encoder), this.options.maxBufferedBytes);
            })
            .catch((error: unknown) => live.storageFailed(error));
        } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          Y.decodeUpdate(update); // parse fully before touching the document
          if (conn.access !== 'write') return;
          if (!live.locked) Y.applyUpdate(live.doc, update, conn);
          else if (!live.hold(conn, update)) conn.ws.close(CloseCode.StorageFailed, 'try again');
        } else {
          throw new Error(`unknown sync step ${step}`);
        }
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(live.awareness, decoding.readVarUint8Array(decoder), conn);
      } else if (type === MESSAGE_QUERY_AWARENESS) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(live.awareness, [...live.awareness.getStates().keys()]));
        send(conn.ws, encoding.toUint8Array(encoder), this.options.maxBufferedBytes);
      } else {
        throw new Error(`unknown message type ${type}`);
      }
    } catch {
      conn.ws.close(CloseCode.MalformedMessage, 'malformed message');
    }
  }

  private documentFor(name: string): LiveDocument {
    let live = this.documents.get(name);
    if (!live) {
      live = new LiveDocument(name, this);
      live.locked = this.lockedNames.has(name);
      this.documents.set(name, live);
    }
    if (live.idleTimer) {
      clearTimeout(live.idleTimer);
      live.idleTimer = null;
    }
    return live;
  }

  private disconnect(live: LiveDocument, conn: Connection): void {
    if (!live.connections.delete(conn.ws)) return;
    awarenessProtocol.removeAwarenessStates(live.awareness, [...conn.clientIds], null);
    if (live.connections.size === 0 && this.documents.get(live.name) === live && !this.closing) {
      live.idleTimer = setTimeout(() => void this.unload(live), this.options.idleUnloadMs);
      live.idleTimer.unref();
    }
  }

  /** Stores what is pending, compacts, and forgets the document. */
  private async unload(live: LiveDocument): Promise<void> {
    if (live.connections.size > 0) return;
    if (this.documents.get(live.name) === live) this.documents.delete(live.name);
    if (!this.documents.has(live.name)) void this.relay?.leave(live.name).catch(() => undefined);
    await live.chain;
    if (live.loaded && !live.failed && live.logLength > 0) {
      await compactDocument(this.deps.db, live.name, this.deps.clock()).catch((error: unknown) =>
        console.error('[yishi collab] compaction failed', live.name, error),
      );
    }
    live.awareness.destroy();
    live.doc.destroy();
  }

  evict(live: LiveDocument, code: number, reason: string): void {
    if (this.documents.get(live.name) === live) this.documents.delete(live.name);
    if (!this.documents.has(live.name)) void this.relay?.leave(live.name).catch(() => undefined);
    for (const ws of [...live.connections.keys()]) ws.close(code, reason);
    live.connections.clear();
    live.awareness.destroy();
    live.doc.destroy();
  }

  /**
   * Stops applying updates to a document and waits until everything received is stored. Used before
   * the agenda is frozen, so the rows written from the stored document miss nothing.
   */
  async lock(name: string): Promise<void> {
    // Ours to end (the caller refreshes in a finally): a copy loaded here meanwhile starts locked.
    // Another instance's lock is not remembered here; for those the relay's lock key does it.
    this.lockedNames.add(name);
    await this.lockHere(name);
    await this.relay?.lockEverywhere(name);
  }

  private async lockHere(name: string): Promise<void> {
    const live = this.documents.get(name);
    if (!live) return;
    live.locked = true;
    await live.chain;
  }

  /** Re-authorizes every socket of a document (after a freeze, a reopen, a role change), on every instance. */
  async refresh(name: string): Promise<void> {
    await this.relay?.unlockEverywhere(name);
    await this.refreshHere(name);
  }

  /**
   * Every socket is authorized again while the document is still locked (an update arriving meanwhile
   * waits with the held ones, so nothing is applied for a socket about to lose its right to write);
   * those that lost it are told, with the frozen document; then the lock ends and the held updates of
   * sockets that may still write are applied.
   */
  private async refreshHere(name: string): Promise<void> {
    this.refreshes += 1;
    this.lockedNames.delete(name);
    const live = this.documents.get(name);
    if (!live) return;
    const decided = await Promise.all(
      [...live.connections.values()].map(async (conn) => ({ conn, access: await this.guard.recheck(conn, name).catch(() => 'none' as const) })),
    );
    if (this.documents.get(name) !== live) return;
    for (const { conn, access } of decided) this.guard.apply(live, conn, access);
    live.unlock();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.guard.stop();
    const docs = [...this.documents.values()];
    for (const live of docs) {
      if (live.idleTimer) clearTimeout(live.idleTimer);
      for (const ws of live.connections.keys()) ws.close(CloseCode.ServerClosing, 'server closing');
      live.connections.clear();
    }
    await Promise.all(docs.map((live) => this.unload(live)));
  }
}

function terminateOnError(this: WebSocket): void {
  this.terminate();
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
