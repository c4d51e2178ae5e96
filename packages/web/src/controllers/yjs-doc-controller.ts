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
 */
import { COLLAB_MESSAGE_AUTH, COLLAB_PERMISSION_DENIED, readOnlyReason } from '@yishi/core';
import * as decoding from 'lib0/decoding';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * Words for a refusal that any live document can meet (server collab/close-codes.ts): the session
 * ended (logout, password change, ended elsewhere) or too many sockets of one person; null when the
 * page says its own words.
 */
export function commonRefusalKey(code: number | null): 'collab.sessionEnded' | 'collab.tooManySockets' | null {
  return code === 4401 ? 'collab.sessionEnded' : code === 4429 ? 'collab.tooManySockets' : null;
}

export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

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
  synced = false;
  /** The close code when the server refused the document (4403 forbidden, 4404 unknown …). */
  refusal: number | null = null;
  /** The server said this connection may only read. */
  readOnly = false;
  /** The server froze the document: `doc` is the frozen one, and no longer connected. */
  frozen = false;
  private current: string | null = null;
  private scheduled = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly documentName: () => string | null,
    private readonly me: () => { name: string } | null,
    private readonly onFrozen: (mine: Y.Doc, frozen: Y.Doc) => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.open();
  }

  hostUpdate(): void {
    if (this.documentName() !== this.current) this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

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
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
    const provider = new WebsocketProvider(base, name, doc, { disableBc: true });
    const me = this.me();
    if (me) {
      const color = COLORS[doc.clientID % COLORS.length] ?? COLORS[0]!;
      provider.awareness.setLocalStateField('user', { name: me.name, color, itemId: null });
    }
    provider.on('status', ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (this.provider !== provider || this.status === 'refused') return;
      this.status = status;
      // Each connection is authorized anew; the server repeats a read-only notice right after.
      if (status === 'connected') this.readOnly = false;
      this.rerender();
    });
    provider.on('sync', (synced: boolean) => {
      if (this.provider !== provider) return;
      this.synced = synced;
      this.rerender();
    });
    provider.on('closed', (event: { code: number }) => {
      if (this.provider !== provider) return;
      this.status = 'refused';
      this.refusal = event.code;
      this.rerender();
    });
    provider.messageHandlers[COLLAB_MESSAGE_AUTH] = (_encoder, decoder) => this.onPermissionDenied(provider, decoder);
    provider.awareness.on('change', this.rerender);
    doc.on('update', this.rerender);
    this.doc = doc;
    this.provider = provider;
    this.status = 'connecting';
    this.synced = false;
    this.refusal = null;
    this.readOnly = false;
    this.frozen = false;
  }

  private onPermissionDenied(provider: WebsocketProvider, decoder: decoding.Decoder): void {
    if (this.provider !== provider || decoding.readVarUint(decoder) !== COLLAB_PERMISSION_DENIED) return;
    const reason = readOnlyReason(decoding.readVarString(decoder));
    if (reason === 'frozen' && decoding.hasContent(decoder)) {
      this.freeze(provider, decoding.readVarUint8Array(decoder));
    } else if (reason) {
      this.readOnly = true;
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
    this.provider?.destroy();
    this.doc?.destroy();
    this.provider = null;
    this.doc = null;
  }
}
