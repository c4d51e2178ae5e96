/**
 * Real y-websocket clients against a real Yishi server: a temp database (SQLite file, or PostgreSQL
 * database with YISHI_TEST_PG) that survives restarts within one test, logins through the API, and
 * WebsocketProviders that carry the session cookie.
 */
import { startServer, testConfig, type Config, type RunningServer } from '@yishi/server';
import { expect } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newSeededTestDatabase } from '../support/database.js';

export const DEMO_PASSWORD = 'yishi2026';

export interface Harness {
  server: RunningServer;
  /** The SQLite file or PostgreSQL URL the server runs on. */
  dbPath: string;
  restart: () => Promise<void>;
  login: (login: string) => Promise<string>;
  api: (method: string, path: string, cookie?: string, json?: unknown) => Promise<Response>;
  connect: (cookie: string, docName: string, options?: { connect?: boolean }) => { doc: Y.Doc; provider: WebsocketProvider };
  wsUrl: () => string;
  close: () => Promise<void>;
}

export async function startHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const database = await newSeededTestDatabase();
  const dbPath = database.url;
  const config = testConfig({ databasePath: dbPath, port: 0, host: '127.0.0.1', seedDemo: true, ...overrides });
  const providers: WebsocketProvider[] = [];
  const h: Harness = {
    server: await startServer(config),
    dbPath,
    restart: async () => {
      await h.server.close();
      h.server = await startServer({ ...config, port: 0 });
    },
    login: async (login) => {
      const res = await h.api('POST', '/api/auth/login', undefined, { login, password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    api: (method, path, cookie, json) =>
      fetch(`${h.server.url}${path}`, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: json !== undefined ? JSON.stringify(json) : undefined,
      }),
    wsUrl: () => `${h.server.url.replace(/^http/, 'ws')}/collab`,
    connect: (cookie, docName, options = {}) => {
      const doc = new Y.Doc();
      class CookieWebSocket extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie } });
        }
      }
      const provider = new WebsocketProvider(h.wsUrl(), docName, doc, {
        WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        connect: options.connect ?? true,
        maxBackoffTime: 200,
      });
      providers.push(provider);
      return { doc, provider };
    },
    close: async () => {
      for (const p of providers) p.destroy();
      await h.server.close();
      await database.drop();
    },
  };
  return h;
}

/** Retries an assertion until it passes (convergence over the network takes a few milliseconds). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export function waitForSync(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (synced) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
  });
}

/**
 * A barrier for "nothing arrived": sends a sync step 1 on the provider's socket and waits for the
 * server's step 2. The server answers a socket's messages in order, and stores and broadcasts
 * everything pending before it replies (collab/live-document.ts), so once this resolves on the
 * writer and then on the reader, any broadcast the writer's earlier messages caused has reached
 * the reader — no sleeping and hoping.
 */
export async function roundTrip(provider: WebsocketProvider): Promise<void> {
  const ws = provider.ws as unknown as WebSocket | null;
  if (!ws) throw new Error('roundTrip: the provider is not connected');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // y-websocket messageSync
  syncProtocol.writeSyncStep1(encoder, provider.doc);
  await new Promise<void>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const decoder = decoding.createDecoder(new Uint8Array(data as Buffer));
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2) {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
    ws.send(encoding.toUint8Array(encoder));
  });
}

/** The close event of a provider whose server refuses it for good (4400–4499). */
export function waitForClosed(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => provider.once('closed', (event: { code: number; reason: string }) => resolve(event)));
}

/** A scheduled four-party council in 都市春天, created through the API by the subdistrict committee. */
export async function scheduledCouncil(h: Harness): Promise<{ meetingId: string; convener: string }> {
  const convener = await h.login('jiedao');
  const compound = await h.server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
  const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const res = await h.api('POST', `/api/compounds/${compound.id}/meetings`, convener, { kind: 'four_party', title: '停车难议事会', startsAt, place: '服务站' });
  expect(res.status).toBe(201);
  const meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
  expect((await h.api('POST', `/api/meetings/${meetingId}/schedule`, convener)).status).toBe(200);
  return { meetingId, convener };
}

/** Adds an agenda item the way the web editor does. */
export function addItem(doc: Y.Doc, id: string, title: string, order: number): void {
  const item = new Y.Map<unknown>();
  item.set('id', id);
  item.set('title', new Y.Text(title));
  item.set('order', order);
  item.set('minutes', 15);
  item.set('party', 'community');
  item.set('notes', new Y.Text(''));
  item.set('links', new Y.Array<string>());
  doc.getArray<Y.Map<unknown>>('items').push([item]);
}

/** A "permission denied" notice of the collaboration server (core's collab/read-only.ts). */
export interface ReadOnlyNotice {
  reason: string;
  /** The frozen document (an update), sent with the reason `frozen`. */
  state: Uint8Array | null;
}

/** Collects the server's read-only notices of a stock provider (its own handler only logs them). */
export function readOnlyNoticesOf(provider: WebsocketProvider): ReadOnlyNotice[] {
  const notices: ReadOnlyNotice[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) !== 0) return;
    const reason = decoding.readVarString(decoder);
    notices.push({ reason, state: decoding.hasContent(decoder) ? decoding.readVarUint8Array(decoder) : null });
  };
  return notices;
}

/** A document holding an update (a frozen agenda sent with a notice). */
export function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

export function titles(doc: Y.Doc): string[] {
  return (doc.getArray('items').toJSON() as Array<{ title: string; order: number }>).sort((a, b) => a.order - b.order).map((i) => i.title);
}
