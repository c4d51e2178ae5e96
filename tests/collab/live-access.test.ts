/**
 * Live access ends with the session or the role that allowed it (issue 15, point 2). Before, a socket
 * opened with a session kept writing after that session was logged out. Now logout, a password
 * change, a session ended from "my sessions" and a revoked role close the person's sockets with a
 * named code (4401 session ended, 4403 forbidden), on the instance that made the change at once,
 * on every other instance through the Redis relay, and — should the relay lose the message — at the
 * next periodic session check.
 *
 * The editor here is a raw websocket speaking y-protocols, so the test can make it keep writing the
 * way a misbehaving client would: it stops reading (and so does not see the close) and sends one
 * more update after the change; that update must not be applied.
 */
import type { Duplex } from 'node:stream';
import { startServer, type RunningServer } from '@yishi/server';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from '../../packages/server/src/collab/index.js';
import { loadStoredDocument } from '../../packages/server/src/collab/persistence.js';
import { startTestRedis, type TestRedis } from '../../packages/server/src/testing/redis-server.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { addItem, eventually, roundTrip, scheduledCouncil, startHarness, titles, waitForClosed, waitForSync, type Harness } from './collab-helpers.js';

/** No periodic session check: a socket closed in these tests was closed by the change itself. */
const IMMEDIATE_ONLY = { collabSessionCheckMs: 0 };

let h: Harness;
let others: RunningServer[] = [];
let children: ChildServer[] = [];
let redis: TestRedis | null = null;
afterEach(async () => {
  for (const server of others) await server.close();
  for (const child of children) await child.kill();
  others = [];
  children = [];
  await h?.close();
  await redis?.stop();
  redis = null;
});

/** A raw editor: its own Y.Doc, whose every change it sends as a y-protocols update. */
class RawEditor {
  readonly doc = new Y.Doc();
  readonly closed: Promise<number>;
  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    this.doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    });
  }

  static open(url: string, cookie: string): Promise<RawEditor> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie } });
      ws.once('message', () => resolve(new RawEditor(ws)));
      ws.once('close', (code) => reject(new Error(`closed with ${code} before the first sync`)));
      ws.on('error', reject);
    });
  }

  /** Stops reading: the close the server sends is not seen, and the client goes on writing. */
  stopReading(): Duplex {
    const socket = (this.ws as unknown as { _socket: Duplex })._socket;
    socket.pause();
    return socket;
  }
}

async function storedTitles(server: RunningServer, name: string): Promise<string[]> {
  const stored = await loadStoredDocument(server.deps.db, name);
  return titles(stored.doc);
}

async function userId(server: RunningServer, username: string): Promise<string> {
  return (await server.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/**
 * A committee member's socket on the agenda, which writes one item (applied: the control), then the
 * change under test; then, not reading, one more item, which must not be applied; then the close.
 */
async function afterChange(url: string, name: string, cookie: string, change: () => Promise<void>): Promise<{ code: number; stored: string[] }> {
  const editor = await RawEditor.open(url, cookie);
  addItem(editor.doc, 'before', '改变之前', 1);
  await eventually(async () => expect(await storedTitles(h.server, name)).toContain('改变之前'));
  const reading = editor.stopReading();
  await change();
  addItem(editor.doc, 'after', '改变之后', 2);
  reading.resume();
  const code = await editor.closed;
  return { code, stored: await storedTitles(h.server, name) };
}

/** A server with no periodic session check (unless overridden), a scheduled council and its agenda. */
async function councilAgenda(overrides: Parameters<typeof startHarness>[0] = IMMEDIATE_ONLY) {
  h = await startHarness(overrides);
  const { meetingId, convener } = await scheduledCouncil(h);
  const name = `agenda-${meetingId}`;
  return { name, url: `${h.wsUrl()}/${name}`, convener };
}

describe('live access ends with the session', () => {
  it('logout closes that session’s sockets with 4401 and a further update is not applied; the person’s other session keeps editing', async () => {
    const { name, url } = await councilAgenda();
    const phone = await h.login('zhanzhang');
    const desk = await h.login('zhanzhang');
    const deskEditor = h.connect(desk, name);
    await waitForSync(deskEditor.provider);

    const { code, stored } = await afterChange(url, name, phone, async () => {
      expect((await h.api('POST', '/api/auth/logout', phone)).status).toBe(204);
    });
    expect(code).toBe(CloseCode.SessionEnded);
    expect(stored).toEqual(['改变之前']);
    // The desk session was not logged out: its socket is open and still writes.
    addItem(deskEditor.doc, 'desk', '另一台设备', 3);
    await roundTrip(deskEditor.provider);
    expect(await storedTitles(h.server, name)).toEqual(['改变之前', '另一台设备']);

    // The stock client stops for good on 4401 (it would otherwise knock again with a dead cookie).
    const stock = h.connect(desk, name);
    await waitForSync(stock.provider);
    const closed = waitForClosed(stock.provider);
    expect((await h.api('POST', '/api/auth/logout', desk)).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.SessionEnded);
    expect(stock.provider.shouldConnect).toBe(false);
  });

  it('a password change closes the sockets of the other sessions (4401), not those of the session that changed it', async () => {
    const { name, url } = await councilAgenda();
    const old = await h.login('zhanzhang');
    const current = await h.login('zhanzhang');
    const own = h.connect(current, name);
    await waitForSync(own.provider);
    const { code, stored } = await afterChange(url, name, old, async () => {
      const res = await h.api('PUT', '/api/me/password', current, { oldPassword: 'yishi2026', newPassword: 'Qingshui-Lane-2026' });
      expect(res.status).toBe(204);
    });
    expect(code).toBe(CloseCode.SessionEnded);
    expect(stored).toEqual(['改变之前']);
    expect(own.provider.wsconnected).toBe(true);
  });

  it('a session ended from "my sessions" closes its sockets (4401)', async () => {
    const { name, url } = await councilAgenda();
    const lost = await h.login('zhanzhang');
    const current = await h.login('zhanzhang');
    const listed = (await (await h.api('GET', '/api/me/sessions', current)).json()) as { sessions: Array<{ id: string; current: boolean }> };
    const lostId = listed.sessions.find((s) => !s.current)!.id;
    const { code, stored } = await afterChange(url, name, lost, async () => {
      expect((await h.api('DELETE', `/api/me/sessions/${encodeURIComponent(lostId)}`, current)).status).toBe(204);
    });
    expect(code).toBe(CloseCode.SessionEnded);
    expect(stored).toEqual(['改变之前']);
  });
});

describe('live access ends with the role', () => {
  it('a station chief whose grant the subdistrict revokes is closed with 4403; another committee member carries on', async () => {
    const { name, url, convener } = await councilAgenda();
    const grant = await h.server.deps.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', await userId(h.server, 'zhanzhang'))
      .where('role', '=', 'station_chief')
      .executeTakeFirstOrThrow();
    const other = h.connect(await h.login('wuye'), name);
    await waitForSync(other.provider);
    const { code, stored } = await afterChange(url, name, await h.login('zhanzhang'), async () => {
      expect((await h.api('DELETE', `/api/grants/${grant.id}`, convener)).status).toBe(204);
    });
    expect(code).toBe(CloseCode.Forbidden);
    expect(stored).toEqual(['改变之前']);
    expect(other.provider.wsconnected).toBe(true);
    await roundTrip(other.provider);
    expect(titles(other.doc)).toEqual(['改变之前']);
  });
});

describe('on every instance', () => {
  it('a logout on instance A closes the socket on instance B (another process) through the relay', async () => {
    redis = await startTestRedis();
    const { name } = await councilAgenda({ redisUrl: redis.url, collabSessionCheckMs: 0 });
    // No periodic check on B either: only the relay can tell it.
    const b = await spawnServer({ dbPath: h.dbPath, seedDemo: false, env: { YISHI_REDIS_URL: redis.url, YISHI_COLLAB_SESSION_CHECK_SECONDS: '0' } });
    children.push(b);
    const cookie = await h.login('zhanzhang');
    const { code, stored } = await afterChange(`${b.url.replace(/^http/, 'ws')}/collab/${name}`, name, cookie, async () => {
      expect((await h.api('POST', '/api/auth/logout', cookie)).status).toBe(204);
    });
    expect(code).toBe(CloseCode.SessionEnded);
    expect(stored).toEqual(['改变之前']);
  });

  it('without the relay message, the periodic session check closes it', async () => {
    // Two instances on one database and no Redis: B learns of the logout only by checking.
    const { name } = await councilAgenda({ collabSessionCheckMs: 100 });
    const b = await startServer({ ...h.server.deps.config, port: 0, seedDemo: false, publicUrl: null });
    others.push(b);
    const cookie = await h.login('zhanzhang');
    const editor = await RawEditor.open(`${b.url.replace(/^http/, 'ws')}/collab/${name}`, cookie);
    addItem(editor.doc, 'before', '改变之前', 1);
    await eventually(async () => expect(await storedTitles(b, name)).toContain('改变之前'));
    expect((await h.api('POST', '/api/auth/logout', cookie)).status).toBe(204);
    expect(await editor.closed).toBe(CloseCode.SessionEnded);
  });
});
