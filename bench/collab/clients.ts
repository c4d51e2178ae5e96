/** Editors for each server kind: the stock y-websocket client (Yishi and the reference) or Hocuspocus's own. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ServerKind = 'yishi' | 'yishi-pg' | 'reference' | 'hocuspocus';

export interface Editor {
  doc: Y.Doc;
  synced: Promise<void>;
  /** Resolves when the provider reports synced again after a reconnect. */
  resynced: () => Promise<void>;
  destroy: () => void;
}

function withCookie(cookie: string | undefined): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as typeof WebSocket;
}

export async function connectEditor(kind: ServerKind, port: number, name: string, cookie?: string): Promise<Editor> {
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    const { HocuspocusProvider, HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
    const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket });
    let resolveSynced: () => void = () => {};
    let waiters: Array<() => void> = [];
    const synced = new Promise<void>((resolve) => (resolveSynced = resolve));
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      onSynced: () => {
        resolveSynced();
        for (const w of waiters) w();
        waiters = [];
      },
    });
    provider.attach();
    return {
      doc,
      synced,
      resynced: () => new Promise((resolve) => waiters.push(resolve)),
      destroy: () => {
        provider.destroy();
        socket.destroy();
      },
    };
  }
  const path = kind === 'yishi' || kind === 'yishi-pg' ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`;
  const provider = new WebsocketProvider(path, name, doc, { WebSocketPolyfill: withCookie(cookie) as never, disableBc: true });
  const waitSynced = () =>
    new Promise<void>((resolve) => {
      const on = (isSynced: boolean) => {
        if (!isSynced) return;
        provider.off('sync', on);
        resolve();
      };
      provider.on('sync', on);
    });
  const synced = provider.synced ? Promise.resolve() : waitSynced();
  return { doc, synced, resynced: waitSynced, destroy: () => provider.destroy() };
}
