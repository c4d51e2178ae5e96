/**
 * One live document on this instance: the Y.Doc and its awareness, the sockets editing it, and the
 * chain through which its updates are stored and then sent (see the guarantees in hub.ts). The hub
 * creates, connects, locks and unloads these; a LiveDocument stores, broadcasts and relays.
 */
import { COLLAB_MESSAGE_AUTH, type ReadOnlyReason } from '@yishi/core';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from './close-codes.js';
import type { CollabHub } from './hub.js';
import { appendUpdates, appendUpdatesNow, compactDocument, loadStoredDocument } from './persistence.js';
import type { DocumentAccess } from './registry.js';

/** The origin of updates and awareness that came from another instance through the relay. */
export const FROM_RELAY = Symbol('relay');

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Updates held during a lock, at most (a freeze takes a moment; typing in it is a few kilobytes). */
const MAX_HELD_BYTES = 8 * 1024 * 1024;

export interface Connection {
  ws: WebSocket;
  /** Only the ids are kept per socket (a full actor per socket costs memory on busy servers); the
   * actor is loaded again when the socket must be re-authorized. */
  userId: string;
  sessionId: string;
  access: Exclude<DocumentAccess, 'none' | 'not_found'>;
  /** Awareness client ids this socket controls, removed when it closes (usually one: an array is
   * a tenth of the memory of a Set). */
  clientIds: number[];
}

interface PendingUpdate {
  update: Uint8Array;
  /** The socket it came from (not sent back there); null for the server's own changes. */
  from: Connection | null;
}

export class LiveDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
  /** Stores and sends run one after another through this chain. */
  chain: Promise<void> = Promise.resolve();
  /** Applied to the document, not yet stored (so not yet sent to anyone), in arrival order. */
  private pending: PendingUpdate[] | null = null;
  private flushQueued = false;
  /** Tasks in the chain not yet finished: at 0 an update may be stored and sent at once. */
  private queued = 0;
  /** Updates this instance appended since it last compacted. */
  logLength = 0;
  private compacting = false;
  /**
   * Set while the agenda is being frozen (or minutes published): no update is applied. Those that
   * arrive wait in `held` until the lock ends, then count if their socket may still write; a socket
   * that may not is told so and sent the frozen document (see `readOnlyNotice`), never dropped unsaid.
   */
  locked = false;
  private held: Array<{ conn: Connection; update: Uint8Array }> = [];
  private heldBytes = 0;
  ready: Promise<void>;
  loaded = false;
  idleTimer: NodeJS.Timeout | null = null;
  failed = false;

  constructor(
    readonly name: string,
    private readonly hub: CollabHub,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.ready = this.load();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.onAwareness(changes, origin));
  }

  /** Relay messages that arrived while the stored document was loading. */
  private early: Array<() => void> | null = [];

  private async load(): Promise<void> {
    const relay = this.hub.relay;
    if (relay) {
      // Subscribe before reading: an update stored elsewhere after our read still reaches us. With
      // Redis away we serve our own sockets alone; the reconnect subscribes again and resyncs.
      try {
        await relay.join(this.name);
        if (await relay.isLocked(this.name)) this.locked = true;
      } catch (error) {
        console.error('[yishi collab] relay unavailable, serving this instance alone', this.name, error);
      }
    }
    const stored = await loadStoredDocument(this.hub.deps.db, this.name);
    // Applied with the hub as origin: loading is not an edit and is neither stored nor broadcast.
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(stored.doc), this.hub);
    stored.doc.destroy();
    this.logLength = stored.logLength;
    this.loaded = true;
    for (const apply of this.early ?? []) apply();
    this.early = null;
    relay?.queryAwareness(this.name);
  }

  /**
   * Keeps a socket's update received while locked, for `unlock`; false when too much is held already
   * (a lock that outlives its freeze): the caller closes the socket, whose client sends it all again
   * when it reconnects.
   */
  hold(conn: Connection, update: Uint8Array): boolean {
    if (this.heldBytes + update.byteLength > MAX_HELD_BYTES) return false;
    this.heldBytes += update.byteLength;
    this.held.push({ conn, update });
    return true;
  }

  /** Ends a lock: the held updates of sockets that may still write are applied, in arrival order. */
  unlock(): void {
    this.locked = false;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const { conn, update } of held) {
      if (conn.access === 'write' && this.connections.get(conn.ws) === conn) Y.applyUpdate(this.doc, update, conn);
    }
  }

  /** Runs a relay message now, or once the stored document has loaded. */
  whenLoaded(apply: () => void): void {
    if (this.early) this.early.push(apply);
    else apply();
  }

  /** Runs after everything queued before it (stores, sends). */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queued += 1;
    const next = this.chain.then(task).finally(() => {
      this.queued -= 1;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Group commit: updates that arrive while a write is under way (PostgreSQL), or in the same read
   * from a socket, are stored together in one statement, then all are broadcast. An update arriving
   * at an idle document is stored at once: waiting for the rest of the event-loop turn to collect
   * others (setImmediate) cost every update about 0.03 ms of latency, and SQLite's synchronous
   * append is cheap enough one by one.
   */
  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === this.hub) return;
    if (origin === FROM_RELAY) {
      // Stored by the instance that received it; ours only to pass on.
      this.broadcast(syncUpdateMessage(update));
      return;
    }
    const from = origin && typeof origin === 'object' && 'userId' in origin ? (origin as Connection) : null;
    // Nothing queued: store it now and send it in this same turn, when the store can (SQLite).
    if (this.queued === 0 && !this.pending && !this.failed) {
      let stored: boolean;
      try {
        stored = appendUpdatesNow(this.hub.deps.db, this.name, [{ update, userId: from?.userId ?? null }], this.hub.deps.clock(), this.hub.options.durability);
      } catch (error) {
        this.storageFailed(error);
        return;
      }
      if (stored) return this.afterStored([{ update, from }]);
    }
    (this.pending ??= []).push({ update, from });
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.enqueue(() => this.flush()).catch((error: unknown) => this.storageFailed(error));
  }

  /**
   * Stores every pending update, then sends each to every other socket. Runs inside the chain only.
   * THE place where a locally received update has been stored and is broadcast.
   */
  async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending;
    this.pending = null;
    if (!batch || this.failed) return;
    const db = this.hub.deps.db;
    await appendUpdates(
      db,
      this.name,
      batch.map((p) => ({ update: p.update, userId: p.from?.userId ?? null })),
      this.hub.deps.clock(),
      this.hub.options.durability,
    );
    this.afterStored(batch);
  }

  /** Sends stored updates to every other socket and instance, and compacts when the log is long. */
  private afterStored(batch: PendingUpdate[]): void {
    this.logLength += batch.length;
    // Stored: the other instances holding the document may have it now (one message per batch), sent
    // before our own sockets so their editors do not wait for our send loop.
    this.hub.relay?.publishUpdate(this.name, batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((p) => p.update)));
    for (const { update, from } of batch) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), from?.ws);
    }
    if (this.logLength >= this.hub.options.compactEvery) this.compactSoon();
  }

  /** Compacts beside the chain: sends do not wait for it; one compaction at a time per document. */
  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = true;
    const folding = this.logLength;
    setImmediate(() => {
      compactDocument(this.hub.deps.db, this.name, this.hub.deps.clock())
        .then(() => {
          this.logLength = Math.max(0, this.logLength - folding);
        })
        .catch((error: unknown) => console.error('[yishi collab] compaction failed', this.name, error))
        .finally(() => {
          this.compacting = false;
        });
    });
  }

  storageFailed(error: unknown): void {
    // The update is in memory but not on disk: drop this copy of the document so nobody is
    // served state a restart would lose; clients reconnect and resend what they have.
    console.error('[yishi collab] storing an update failed', this.name, error);
    this.failed = true;
    this.hub.evict(this, CloseCode.StorageFailed, 'storage failed');
  }

  private onAwareness({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const conn = origin && typeof origin === 'object' && 'clientIds' in origin ? (origin as Connection) : null;
    if (conn) {
      for (const id of added) if (!conn.clientIds.includes(id)) conn.clientIds.push(id);
      for (const id of removed) {
        const at = conn.clientIds.indexOf(id);
        if (at >= 0) conn.clientIds.splice(at, 1);
      }
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder));
    // Our sockets' changes (and their departures) go to the other instances; expiries are local.
    if (conn || origin === null) this.hub.relay?.publishAwareness(this.name, update);
  }

  /** The awareness states of this instance's own sockets. */
  localAwareness(): Uint8Array | null {
    const ids = [...this.connections.values()].flatMap((c) => [...c.clientIds]);
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  broadcast(message: Uint8Array, except?: WebSocket): void {
    const cap = this.hub.options.maxBufferedBytes;
    for (const ws of this.connections.keys()) if (ws !== except) send(ws, message, cap);
  }
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * Tells a socket it may not write (y-protocols' "permission denied", the reason one of core's
 * READ_ONLY_REASONS); a frozen document goes along, for the editor to hand back what it lacks.
 */
export function readOnlyNotice(access: 'read' | 'frozen', doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE_AUTH);
  const reason: ReadOnlyReason = access === 'frozen' ? 'frozen' : 'read-only';
  authProtocol.writePermissionDenied(encoder, reason);
  if (access === 'frozen') encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

/**
 * Sends a message unless the socket has stopped reading: with more than `maxBuffered` bytes still
 * waiting for it (`bufferedAmount`: what the socket has not taken yet), it is closed with 4509 rather
 * than the server keeping everything sent to it. The check comes before the send, so a first sync
 * larger than the cap still goes out, and a socket never holds more than the cap plus one message.
 */
export function send(ws: WebSocket, message: Uint8Array, maxBuffered: number): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > maxBuffered) return ws.close(CloseCode.SlowConsumer, 'too slow');
  try {
    ws.send(message);
  } catch {
    ws.close();
  }
}
