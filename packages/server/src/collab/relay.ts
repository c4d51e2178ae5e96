/**
 * The relay between server instances that serve the same live documents (several instances behind
 * a load balancer, one PostgreSQL). Each instance keeps its own in-memory copy of a document and
 * stores the updates its own sockets send; the relay carries, to every other instance holding the
 * document:
 * - each update after it is stored (the receiver applies and broadcasts it, but does not store it
 *   again);
 * - awareness (who is here, cursors), and a query for it when an instance starts holding a document;
 * - lock requests before an agenda is frozen or minutes are published (every holder stops applying
 *   updates and finishes storing what it has, then answers), and the refresh after them;
 * - to EVERY instance: a person's sessions or roles changed (logout, password change, a revoked
 *   role), so each checks that person's sockets again (socket-guard.ts) and answers once done.
 *
 * The hub talks to this interface only; `redis-relay.ts` implements it on Redis pub/sub. With no
 * relay configured (one instance, the SQLite default) the hub works alone.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** What a relay delivers to its hub. Updates and awareness come only from OTHER instances. */
export interface RelayHandlers {
  /** An update another instance has stored. */
  update: (doc: string, update: Uint8Array) => void;
  /** An awareness update from another instance's sockets. */
  awareness: (doc: string, update: Uint8Array) => void;
  /** Another instance asks for the awareness states of our sockets on this document. */
  awarenessQuery: (doc: string) => void;
  /** Stop applying updates to the document and resolve once everything received is stored. */
  lock: (doc: string) => Promise<void>;
  /** Unlock and re-authorize the document's sockets. */
  refresh: (doc: string) => void;
  /** The relay lost messages (it reconnected): catch up every held document from the database. */
  resync: () => void;
  /** Another instance changed this person's sessions or roles: check their sockets here again (resolves when done). */
  userChanged: (userId: string) => Promise<void>;
}

export interface CollabRelay {
  readonly instanceId: string;
  /** Called once by the hub that owns this relay. */
  setHandlers: (handlers: RelayHandlers) => void;
  /** Starts receiving a document's messages; resolves once subscribed (before the document is read). */
  join: (doc: string) => Promise<void>;
  leave: (doc: string) => Promise<void>;
  publishUpdate: (doc: string, update: Uint8Array) => void;
  publishAwareness: (doc: string, update: Uint8Array) => void;
  queryAwareness: (doc: string) => void;
  /**
   * Tells every other instance that this person's sessions or roles changed; resolves when all of them
   * have checked the person's sockets (or after `timeoutMs`: an instance that does not answer is gone).
   */
  publishUserChanged: (userId: string, timeoutMs?: number) => Promise<void>;
  /**
   * Asks every other instance holding the document to lock it and store what it has; resolves when
   * all of them have answered (or after `timeoutMs`: an instance that does not answer is gone).
   * Until `unlockEverywhere`, an instance that starts holding the document starts locked.
   */
  lockEverywhere: (doc: string, timeoutMs?: number) => Promise<void>;
  unlockEverywhere: (doc: string) => Promise<void>;
  /** Whether an instance that starts holding the document must start locked. */
  isLocked: (doc: string) => Promise<boolean>;
  /** Whether any OTHER instance holds the document. */
  heldElsewhere: (doc: string) => Promise<boolean>;
  /** Whether the relay's engine answers (for the health check). */
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
}

// ---- wire format ------------------------------------------------------------------------------
// One binary message per publish: sender id, type, then the type's fields (lib0 encoding, as the
// y-websocket protocol itself uses).

export const RelayMessageType = { Update: 0, Awareness: 1, AwarenessQuery: 2, Lock: 3, Locked: 4, Refresh: 5, UserChanged: 6, UserChecked: 7 } as const;
type T = typeof RelayMessageType;

export type RelayMessage =
  | { type: T['Update'] | T['Awareness']; sender: string; doc: string; payload: Uint8Array }
  | { type: T['AwarenessQuery'] | T['Refresh']; sender: string; doc: string }
  | { type: T['Lock'] | T['Locked']; sender: string; doc: string; requestId: string }
  | { type: T['UserChanged'] | T['UserChecked']; sender: string; user: string; requestId: string };

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.sender);
  encoding.writeVarUint(encoder, message.type);
  // The document's name, or for UserChanged/UserChecked the person's id.
  encoding.writeVarString(encoder, 'user' in message ? message.user : message.doc);
  if ('payload' in message) encoding.writeVarUint8Array(encoder, message.payload);
  if ('requestId' in message) encoding.writeVarString(encoder, message.requestId);
  return encoding.toUint8Array(encoder);
}

/** Decodes a relay message; throws on anything malformed. */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
  const decoder = decoding.createDecoder(bytes);
  const sender = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  const doc = decoding.readVarString(decoder);
  switch (type) {
    case RelayMessageType.Update:
    case RelayMessageType.Awareness:
      return { type, sender, doc, payload: decoding.readVarUint8Array(decoder) };
    case RelayMessageType.AwarenessQuery:
    case RelayMessageType.Refresh:
      return { type, sender, doc };
    case RelayMessageType.Lock:
    case RelayMessageType.Locked:
      return { type, sender, doc, requestId: decoding.readVarString(decoder) };
    case RelayMessageType.UserChanged:
    case RelayMessageType.UserChecked:
      return { type, sender, user: doc, requestId: decoding.readVarString(decoder) };
    default:
      throw new Error(`unknown relay message type ${String(type)}`);
  }
}
