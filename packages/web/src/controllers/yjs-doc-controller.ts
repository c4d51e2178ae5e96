/**
 * A live Yjs document for a Lit element: opens `/collab/<name>` with the stock y-websocket provider
 * (the session cookie goes along on the same origin), re-renders the host on every document or
 * presence change, and reports the connection state in words the page can show. A refusal close
 * code (4400–4499) is permanent: the provider stops and `refusal` says why.
 *
 * The server says when this socket may not write, in y-protocols' "permission denied" message (core's
 * collab/read-only.ts): `read-only` sets `readOnly`; `frozen` comes with the frozen document. Then
 * `onFrozen` gets my copy (with the frozen one merged in) and the frozen one, to hand back what mine
 * has that it lacks; the connection ends, `frozen` is set and `doc` is the frozen document from
 * then on. (My copy is dropped: an edit the server refused must not come back by itself if the
 * agenda is reopened later — its author has it handed back instead.)
 *
 * Offline (Yjs's own model): the document is kept on this device per person (yjs-local-copy.ts) and
 * read from there before the socket opens, so it opens and stays editable without a connection and
 * edits survive a closed tab; the socket merges both ways when it connects. The browser's `offline`
 * event disconnects the provider (an open socket may outlive a lost network, and the provider would
 * otherwise keep retrying), `online` connects it again. `unsent` counts my edits the server has not
 * confirmed (yjs-unsent.ts). The copy is deleted when the server refuses the document (4403 forbidden,
 * 4404 unknown), freezes it, or makes it read-only while it holds unsent edits, and every copy on
 * logout (not when a session expires: the edits wait for the same person's next login).
 */
import { COLLAB_MESSAGE_AUTH, COLLAB_PERMISSION_DENIED, readOnlyReason } from '@yishi/core';
import * as decoding from 'lib0/decoding';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isOnline } from '../offline/online-controller.js';
import { RECONNECTED } from '../state/session.js';
import { LocalCopy, localCopyName, localCopyOwner, onSessionEnd } from './yjs-local-copy.js';
import { UnsentTracker } from './yjs-unsent.js';

/**
 * Words for a refusal that any live document can meet (server collab/close-codes.ts): the session
 * ended (logout, password change, ended elsewhere) or too many sockets of one person; null when the
 * page says its own words.
 */
export function commonRefusalKey(code: number | null): 'collab.sessionEnded' | 'collab.tooManySockets' | null {
  return code === 4401 ? 'collab.sessionEnded' : code === 4429 ? 'collab.tooManySockets' : null;
}

/** `offline`: the browser says there is no network (the socket is closed until it says `online`). */
export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'offline' | 'refused';

/** Close codes after which my copy of the document is deleted: it is not mine to keep. */
const FORGET_ON_CLOSE = new Set([4403, 4404]);

export interface Presence {
  clientId: number;
  name: string;
  color: string;
  /** The agenda item the person is on, if any. */
  itemId: string | null;
  self: boolean;
}

const COLORS = ['#b03a2e', '#1f618d', '#117a65', '#9a7d0a', '#6c3483', '#a04000', '#2e4053'];

export class YjsDocController implements ReactiveController {
  doc: Y.Doc | null = null;
  provider: WebsocketProvider | null = null;
  status: CollabStatus = 'connecting';
  /** The document has content to show: the server's (synced once) or this device's copy. */
  synced = false;
  /** The close code when the server refused the document (4403 forbidden, 4404 unknown …). */
  refusal: number | null = null;
  /** The server said this connection may only read. */
  readOnly = false;
  /** The server froze the document: `doc` is the frozen one, and no longer connected. */
  frozen = false;
  private current: string | null = null;
  private scheduled = false;
  private copy: LocalCopy | null = null;
  private tracker: UnsentTracker | null = null;
  private stopSessionEnd: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly documentName: () => string | null,
    private readonly me: () => { name: string } | null,
    private readonly onFrozen: (mine: Y.Doc, frozen: Y.Doc) => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    // A page opened with no signal can believe it is online (Chromium's emulation leaves navigator.onLine
    // true after an offline page load): the session, taken from this device, says otherwise until the
    // server answers again.
    window.addEventListener(RECONNECTED, this.cameOnline);
    // Logging out deletes every copy: this one stops writing first.
    this.stopSessionEnd = onSessionEnd(() => {
      this.copy?.close();
      this.copy = null;
    });
    this.open();
  }

  hostUpdate(): void {
    if (this.documentName() !== this.current) this.open();
  }

  hostDisconnected(): void {
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    window.removeEventListener(RECONNECTED, this.cameOnline);
    this.stopSessionEnd?.();
    this.close();
  }

  /** My edits the server has not confirmed yet (made offline, or not yet answered). */
  get unsent(): number {
    return this.tracker?.unsent ?? 0;
  }

  /** Connected again and sending the edits that waited. */
  get syncing(): boolean {
    return this.status === 'connected' && (this.tracker?.syncing ?? false);
  }

  private readonly wentOffline = () => {
    if (!this.provider || this.status === 'refused') return;
    this.provider.disconnect();
    this.status = 'offline';
    this.rerender();
  };

  private readonly cameOnline = () => {
    if (!this.provider || this.status === 'refused' || this.status === 'connected' || !isOnline()) return;
    this.status = 'connecting';
    this.provider.connect();
    this.rerender();
  };

  /** Sets a field of my presence (e.g. the item I am editing). */
  setPresence(fields: Partial<{ itemId: string | null }>): void {
    const awareness = this.provider?.awareness;
    if (!awareness) return;
    const user = (awareness.getLocalState()?.user ?? {}) as Record<string, unknown>;
    awareness.setLocalStateField('user', { ...user, ...fields });
  }

  peers(): Presence[] {
    const awareness = this.provider?.awareness;
    if (!awareness) return [];
    const out: Presence[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const user = (state as { user?: { name?: string; color?: string; itemId?: string | null } }).user;
      if (!user?.name) continue;
      out.push({ clientId, name: user.name, color: user.color ?? '#555', itemId: user.itemId ?? null, self: clientId === awareness.clientID });
    }
    return out.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** The names of the other people with the document open (for the status line). */
  others(): string[] {
    return this.peers()
      .filter((p) => !p.self)
      .map((p) => p.name);
  }

  private readonly rerender = () => {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.host.requestUpdate();
    });
  };

  private open(): void {
    this.close();
    const name = this.documentName();
    this.current = name;
    if (!name) return;
    const doc = new Y.Doc();
    const owner = localCopyOwner();
    const copy = owner ? new LocalCopy(localCopyName(owner, name), doc) : null;
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
    // Connected once the stored copy is in the document, so the first sync already carries its edits.
    const provider = new WebsocketProvider(base, name, doc, { disableBc: true, connect: false });
    const me = this.me();
    if (me) {
      const color = COLORS[doc.clientID % COLORS.length] ?? COLORS[0]!;
      provider.awareness.setLocalStateField('user', { name: me.name, color, itemId: null });
    }
    provider.on('status', ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (this.provider !== provider || this.status === 'refused') return;
      this.status = status === 'disconnected' && !isOnline() ? 'offline' : status;
      // Each connection is authorized anew; the server repeats a read-only notice right after.
      if (status === 'connected') this.readOnly = false;
      this.freshPresence(provider, status);
      this.rerender();
    });
    provider.on('sync', (synced: boolean) => {
      if (this.provider !== provider) return;
      this.synced ||= synced;
      this.rerender();
    });
    provider.on('closed', (event: { code: number }) => {
      if (this.provider !== provider) return;
      this.status = 'refused';
      this.refusal = event.code;
      if (FORGET_ON_CLOSE.has(event.code)) this.forgetCopy(doc);
      this.rerender();
    });
    provider.messageHandlers[COLLAB_MESSAGE_AUTH] = (_encoder, decoder) => this.onPermissionDenied(provider, decoder);
    provider.awareness.on('change', this.rerender);
    doc.on('update', this.rerender);
    const tracker = new UnsentTracker(
      provider,
      (origin) => origin === provider || origin instanceof IndexeddbPersistence,
      () => {
        this.copy?.saveUnsent(tracker.unsent);
        this.rerender();
      },
    );
    this.doc = doc;
    this.provider = provider;
    this.copy = copy;
    this.tracker = tracker;
    this.status = isOnline() ? 'connecting' : 'offline';
    this.synced = false;
    this.refusal = null;
    this.readOnly = false;
    this.frozen = false;
    void (copy?.loaded ?? Promise.resolve({ hadData: false, unsent: 0 })).then(({ hadData, unsent }) => {
      if (this.provider !== provider) return;
      this.synced ||= hadData;
      tracker.carry(unsent);
      if (isOnline()) provider.connect();
      this.rerender();
    });
  }

  /**
   * A refused document: my copy is deleted and an empty document shown, as if it had never been
   * stored (what the server refused must not come back from this device).
   */
  private forgetCopy(doc: Y.Doc): void {
    this.dropCopy();
    if (this.doc === doc) {
      this.doc = new Y.Doc();
      setTimeout(() => doc.destroy());
    }
    this.synced = false;
  }

  /** Deletes my copy and stops counting unsent edits: the server will not take them. */
  private dropCopy(): void {
    void this.copy?.forget();
    this.copy = null;
    this.tracker?.destroy();
    this.tracker = null;
  }

  /**
   * Presence after a reconnect: the provider (and the server) drop a closed socket's presence but keep
   * its clock, and a presence with the same clock is ignored — so without this the others appear only
   * when each renews theirs (every 15 s). On a disconnect I forget the others' clocks; on connecting I
   * renew mine (a new clock), so the server and the others take it at once.
   */
  private freshPresence(provider: WebsocketProvider, status: string): void {
    const awareness = provider.awareness;
    if (status === 'disconnected') for (const id of [...awareness.meta.keys()]) if (id !== awareness.clientID) awareness.meta.delete(id);
    const mine = awareness.getLocalState();
    if (status === 'connected' && mine) awareness.setLocalState({ ...mine });
  }

  private onPermissionDenied(provider: WebsocketProvider, decoder: decoding.Decoder): void {
    if (this.provider !== provider || decoding.readVarUint(decoder) !== COLLAB_PERMISSION_DENIED) return;
    const reason = readOnlyReason(decoding.readVarString(decoder));
    if (reason === 'frozen' && decoding.hasContent(decoder)) {
      this.freeze(provider, decoding.readVarUint8Array(decoder));
    } else if (reason) {
      this.readOnly = true;
      // Edits I made while I could still write (offline) are dropped by the server: my copy must not keep them.
      if (this.unsent > 0) this.dropCopy();
      this.rerender();
    }
  }

  private freeze(provider: WebsocketProvider, state: Uint8Array): void {
    const mine = provider.doc;
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, state);
    // Merged with the provider as origin, so the provider does not send it back.
    Y.applyUpdate(mine, state, provider);
    this.onFrozen(mine, frozen);
    this.dropCopy();
    this.doc = frozen;
    this.provider = null;
    this.frozen = true;
    this.readOnly = true;
    this.synced = true;
    frozen.on('update', this.rerender);
    // Not from inside the provider's own message handler.
    setTimeout(() => {
      provider.destroy();
      mine.destroy();
    });
    this.rerender();
  }

  private close(): void {
    this.tracker?.destroy();
    this.copy?.close();
    this.tracker = null;
    this.copy = null;
    this.provider?.destroy();
    this.doc?.destroy();
    this.provider = null;
    this.doc = null;
  }
}
