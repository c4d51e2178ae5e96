/**
 * A live Yjs document for a Lit element: opens `/collab/<name>` with the stock y-websocket provider
 * (the session cookie goes along on the same origin), re-renders the host on every document or
 * presence change, and reports the connection state in words the page can show. A refusal close
 * code (4400–4499) is permanent: the provider stops and `refusal` says why.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

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
  private current: string | null = null;
  private scheduled = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly documentName: () => string | null,
    private readonly me: () => { name: string } | null,
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
      if (this.status !== 'refused') this.status = status;
      this.rerender();
    });
    provider.on('sync', (synced: boolean) => {
      this.synced = synced;
      this.rerender();
    });
    provider.on('closed', (event: { code: number }) => {
      this.status = 'refused';
      this.refusal = event.code;
      this.rerender();
    });
    provider.awareness.on('change', this.rerender);
    doc.on('update', this.rerender);
    this.doc = doc;
    this.provider = provider;
    this.status = 'connecting';
    this.synced = false;
    this.refusal = null;
  }

  private close(): void {
    this.provider?.destroy();
    this.doc?.destroy();
    this.provider = null;
    this.doc = null;
  }
}
