import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, collabHubFor } from '../../packages/server/src/collab/index.js';
import { addItem, eventually, scheduledCouncil, startHarness, titles, waitForClosed, waitForSync, type Harness } from './collab-helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Opens a raw socket; resolves with the HTTP status of a refused upgrade, or the open socket. */
function rawSocket(path: string, headers: Record<string, string>): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${h.wsUrl()}/${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('error', reject);
  });
}

function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

describe('who may open a document', () => {
  it('no session → 401 before the upgrade; a foreign Origin → 403 before the upgrade', async () => {
    const { meetingId } = await scheduledCouncil(h);
    expect((await rawSocket(`agenda-${meetingId}`, {})).status).toBe(401);
    expect((await rawSocket(`agenda-${meetingId}`, { cookie: 'yishi_session=not-a-real-session-token-at-all' })).status).toBe(401);
    const cookie = await h.login('zhanzhang');
    expect((await rawSocket(`agenda-${meetingId}`, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    const own = await rawSocket(`agenda-${meetingId}`, { cookie, origin: h.server.url });
    expect(own.status).toBe(101);
    own.ws!.close();
  });

  it('a logged-in owner gets the socket and then 4403, and the client stops retrying', async () => {
    const { meetingId } = await scheduledCouncil(h);
    const owner = h.connect(await h.login('yezhu'), `agenda-${meetingId}`);
    const closed = await waitForClosed(owner.provider);
    expect(closed.code).toBe(CloseCode.Forbidden);
    // A 44xx close is final: the client has given up (no reconnect is scheduled), not merely paused.
    expect(owner.provider.shouldConnect).toBe(false);
    expect(owner.provider.wsconnecting || owner.provider.wsconnected).toBe(false);
    // Staff of the other compound are refused the same way.
    const other = h.connect(await h.login('cuiyuan'), `agenda-${meetingId}`);
    expect((await waitForClosed(other.provider)).code).toBe(4403);
  });

  it('unknown document names close with 4404', async () => {
    const cookie = await h.login('zhanzhang');
    for (const name of ['agenda-doesnotexist', 'minutes-abc', 'nothing', '..%2F..%2Fetc']) {
      const { ws } = await rawSocket(name, { cookie });
      expect(await closeCodeOf(ws!), name).toBe(CloseCode.UnknownDocument);
    }
  });
});

describe('bad input', () => {
  async function editedAgenda() {
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const cookie = await h.login('zhanzhang');
    const a = h.connect(cookie, name);
    await waitForSync(a.provider);
    addItem(a.doc, 'k1', '保留的议题', 1);
    const b = h.connect(await h.login('wuye'), name);
    await eventually(() => expect(titles(b.doc)).toEqual(['保留的议题']));
    return { name, cookie, a, b };
  }

  it('malformed messages close that socket with 4400; the document and the server are unharmed', async () => {
    const { name, cookie, a, b } = await editedAgenda();
    const garbage: number[][] = [
      [0, 2, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], // an "update" of noise
      [0, 2, 200], // length prefix beyond the message
      [0, 9, 0], // unknown sync step
      [7], // unknown message type
      [1, 5, 255, 255, 255, 255, 255], // awareness noise
    ];
    for (const bytes of garbage) {
      const { ws } = await rawSocket(name, { cookie });
      const code = closeCodeOf(ws!);
      ws!.send(Buffer.from(bytes));
      expect(await code, JSON.stringify(bytes)).toBe(CloseCode.MalformedMessage);
    }
    // Text frames are not the protocol either.
    const { ws } = await rawSocket(name, { cookie });
    const code = closeCodeOf(ws!);
    ws!.send('hello');
    expect(await code).toBe(CloseCode.MalformedMessage);

    // Still serving, still the same document, still editable.
    expect((await h.api('GET', '/api/health')).status).toBe(200);
    addItem(a.doc, 'k2', '之后的议题', 2);
    await eventually(() => expect(titles(b.doc)).toEqual(['保留的议题', '之后的议题']));
  });

  it('an oversized message closes with 4413 and is not stored', async () => {
    const { name, cookie, b } = await editedAgenda();
    const { ws } = await rawSocket(name, { cookie });
    const code = closeCodeOf(ws!);
    ws!.send(Buffer.alloc(540 * 1024, 1)); // over the 512 KiB cap
    expect(await code).toBe(CloseCode.MessageTooLarge);
    // Far larger frames are cut off by ws itself before they are buffered (1009 "message too big").
    const { ws: huge } = await rawSocket(name, { cookie });
    const hugeCode = closeCodeOf(huge!);
    huge!.send(Buffer.alloc(4 * 1024 * 1024, 1));
    expect(await hugeCode).toBe(1009);
    await h.restart();
    const fresh = h.connect(await h.login('fuzhan'), name);
    await waitForSync(fresh.provider);
    expect(titles(fresh.doc)).toEqual(['保留的议题']);
    b.provider.destroy();
  });
});

describe('storage', () => {
  it('compacts the update log into a snapshot and unloads idle documents, losing nothing', async () => {
    const hub = collabHubFor(h.server.deps)!;
    hub.options.compactEvery = 20;
    hub.options.idleUnloadMs = 100;
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const a = h.connect(await h.login('zhanzhang'), name);
    await waitForSync(a.provider);
    for (let i = 1; i <= 45; i++) addItem(a.doc, `c${i}`, `议题${i}`, i);
    const db = h.server.deps.db;
    await eventually(async () => {
      const log = await db.selectFrom('collab_log').select(['id', 'update_bytes']).where('doc_name', '=', name).orderBy('id').execute();
      const head = await db.selectFrom('collab_snapshots').select('snapshot').where('id', '=', name).executeTakeFirst();
      const folded = new Y.Doc();
      if (head && head.snapshot.length > 0) Y.applyUpdate(folded, head.snapshot);
      // Compacted: the snapshot holds at least the first 20 updates' items and the log fewer than 20
      // updates (where the line falls depends on how the 45 edits arrive: 39 in the snapshot under load)…
      expect(titles(folded).length).toBeGreaterThanOrEqual(20);
      expect(log.length).toBeLessThan(20);
      // …and together they hold every item.
      for (const row of log) Y.applyUpdate(folded, row.update_bytes);
      expect(titles(folded)).toHaveLength(45);
    });
    expect(hub.loadedDocuments()).toContain(name);
    a.provider.destroy();
    await eventually(() => expect(hub.loadedDocuments()).not.toContain(name));
    await eventually(async () => expect(await db.selectFrom('collab_log').select('id').where('doc_name', '=', name).execute()).toHaveLength(0));

    const again = h.connect(await h.login('zhanzhang'), name);
    await waitForSync(again.provider);
    expect(titles(again.doc)).toHaveLength(45);
  });
});
