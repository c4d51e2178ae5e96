/**
 * Agenda editing against a real server process that is killed with SIGKILL part-way: several stock
 * y-websocket clients keep adding items to one meeting's agenda while pure observers watch. The
 * server stores every update before it broadcasts it, so whatever any client received from another
 * one was on disk; after a restart on the same database a fresh client must find all of it.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ApiClient, spawnServer, type ChildServer } from '../support/child-server.js';
import { addItem, waitForSync } from '../collab/collab-helpers.js';

const WRITERS = ['zhanzhang', 'wuye', 'yeweihui', 'fuzhan'];
const OBSERVERS = ['jiedao', 'shequ'];

interface Client {
  login: string;
  /** Item ids this client made itself (the rest of its document came through the server). */
  prefix: string | null;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export function connect(url: string, cookie: string, docName: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

export const itemIds = (doc: Y.Doc): string[] =>
  doc
    .getArray<Y.Map<unknown>>('items')
    .toArray()
    .map((m) => m.get('id') as string);

export interface AgendaCrashOutcome {
  docName: string;
  /** Every item id a writer created (sent or not). */
  authored: Set<string>;
  /** Items some client had received from another client before the kill. */
  seen: Set<string>;
  /** Items in the document served by the restarted server. */
  after: Map<string, string>;
}

/**
 * `writers` clients add items every few milliseconds; once an observer has seen `killAfterSeen`
 * items the server gets SIGKILL (writers still typing), then it is started again on `dbPath`.
 */
export async function agendaEditingCrash(options: {
  dbPath: string;
  writers: number;
  killAfterSeen: number;
  track: (server: ChildServer) => void;
}): Promise<AgendaCrashOutcome> {
  const first = await spawnServer({ dbPath: options.dbPath });
  options.track(first);
  const convener = await new ApiClient(first.url).login('jiedao');
  const { compounds } = await convener.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
  const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
  const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const { meeting } = await convener.json<{ meeting: { id: string } }>(
    'POST',
    `/api/compounds/${compoundId}/meetings`,
    { kind: 'four_party', title: '崩溃测试议事会', startsAt, place: '服务站' },
    201,
  );
  await convener.json('POST', `/api/meetings/${meeting.id}/schedule`, {});
  const docName = `agenda-${meeting.id}`;

  const logins = [...WRITERS.slice(0, options.writers), ...OBSERVERS];
  const clients: Client[] = [];
  for (const [i, login] of logins.entries()) {
    const cookie = (await new ApiClient(first.url).login(login)).cookie;
    const { doc, provider } = connect(first.url, cookie, docName);
    clients.push({ login, prefix: i < options.writers ? `w${i}-` : null, doc, provider });
  }
  const authored = new Set<string>();
  try {
    await Promise.all(clients.map((c) => waitForSync(c.provider)));

    let running = true;
    const writing = clients
      .filter((c) => c.prefix !== null)
      .map(async (c) => {
        for (let n = 1; running; n++) {
          const id = `${c.prefix}${n}`;
          authored.add(id);
          addItem(c.doc, id, `议题 ${id}`, n);
          await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 10));
        }
      });
    const observer = clients.find((c) => c.prefix === null)!;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`observer saw only ${observer.doc.getArray('items').length} items`)), 30_000);
      const check = () => {
        if (observer.doc.getArray('items').length >= options.killAfterSeen) {
          clearTimeout(timer);
          observer.doc.off('update', check);
          first.child.kill('SIGKILL');
          resolve();
        }
      };
      observer.doc.on('update', check);
    });
    await first.exited;
    running = false;
    await Promise.all(writing);
    // Whatever a client received from the server was sent before the process died.
    const seen = new Set<string>();
    for (const c of clients) for (const id of itemIds(c.doc)) if (c.prefix === null || !id.startsWith(c.prefix)) seen.add(id);
    for (const c of clients) c.provider.destroy();

    const second = await spawnServer({ dbPath: options.dbPath });
    options.track(second);
    const fresh = connect(second.url, (await new ApiClient(second.url).login('zhanzhang')).cookie, docName);
    try {
      await waitForSync(fresh.provider);
      const after = new Map(
        fresh.doc
          .getArray<Y.Map<unknown>>('items')
          .toArray()
          .map((m) => [m.get('id') as string, String(m.get('title'))]),
      );
      return { docName, authored, seen, after };
    } finally {
      fresh.provider.destroy();
    }
  } finally {
    for (const c of clients) c.provider.destroy();
  }
}

/** Every item any client had received is in the restarted document, intact; nothing unsent is. */
export function checkAgendaSurvived(outcome: AgendaCrashOutcome): string[] {
  const problems: string[] = [];
  for (const id of outcome.seen) if (!outcome.after.has(id)) problems.push(`item ${id} was received by a client before the kill but is missing after restart`);
  for (const [id, title] of outcome.after) {
    if (!outcome.authored.has(id)) problems.push(`item ${id} was never written`);
    if (title !== `议题 ${id}`) problems.push(`item ${id} has title ${title}`);
  }
  return problems;
}
