/**
 * Websocket backpressure (issue 15, point 3): sockets that stop reading must not make the server
 * hold everything it was asked to send them. Before the cap, a building head's four sockets that
 * stopped reading added 183 MB of server memory in five seconds; now each socket may have at most
 * `maxBufferedBytes` waiting (plus the one message that went over), and one that has more is closed
 * with 4509 (slow consumer, try again later). One person may open at most `maxSocketsPerUser`
 * sockets on an instance; the next is refused with 4429.
 *
 * The server runs in this process, so its sockets' `bufferedAmount` and the process's memory are
 * read directly, after a forced garbage collection, once per round of writing (never against time).
 */
import type { Duplex } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode, collabHubFor } from '../../packages/server/src/collab/index.js';
import { eventually, roundTrip, scheduledCouncil, startHarness, waitForClosed, waitForSync, type Harness } from './collab-helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CAP = 1024 * 1024;
const CHUNK = 256 * 1024;
/** Written by one editor in all: 64 MiB, in 256 updates of 256 KiB. */
const ROUNDS = 256;
const WRITTEN = CHUNK * ROUNDS;

let h: Harness;
afterEach(() => h?.close());

/** A raw client speaking nothing back: resolves once the server has sent it its first sync. */
function openSocket(url: string, cookie: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.once('message', () => resolve({ ws, closed }));
    ws.once('close', (code) => reject(new Error(`closed with ${code} before the first sync`)));
    ws.on('error', reject);
  });
}

/** Stops reading: the client's TCP receive window fills, then the server's send buffer does. */
function stopReading(ws: WebSocket): Duplex {
  const socket = (ws as unknown as { _socket: Duplex })._socket;
  socket.pause();
  return socket;
}

/** Memory outside the JS heap, where socket buffers live, after a full garbage collection. */
function memory(): { buffers: number } {
  gc();
  const m = process.memoryUsage();
  return { buffers: m.arrayBuffers + m.external };
}

describe('backpressure', () => {
  it('four sockets of one building head stop reading while an editor writes 64 MiB: each holds at most the cap, is closed with 4509, memory stays flat', async () => {
    h = await startHarness({ collabMaxBufferedBytes: CAP });
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const url = `${h.wsUrl()}/${name}`;
    const hub = collabHubFor(h.server.deps)!;

    const writer = h.connect(await h.login('zhanzhang'), name);
    const reader = h.connect(await h.login('wuye'), name);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    const blob = writer.doc.getMap<string>('load');
    const write = async (round: number) => {
      // Each round replaces the last: the document itself stays small, only the traffic is large.
      blob.set('blob', String.fromCharCode(97 + (round % 26)).repeat(CHUNK));
      await roundTrip(writer.provider);
    };
    // Warm-up, then a control run with no slow socket: what the writing itself keeps in memory (pooled
    // and in-flight buffers, a compaction now and then) is not what this measures.
    for (let round = 0; round < 16; round += 1) await write(round);
    const before = memory();
    let peakBuffered = 0;
    const measure = async (rounds: number, watched: Array<{ conn: { ws: { bufferedAmount: number } } }>) => {
      const growth: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        await write(round);
        for (const { conn } of watched) peakBuffered = Math.max(peakBuffered, conn.ws.bufferedAmount);
        if (round % 8 === 7) growth.push(memory().buffers - before.buffers);
      }
      // The median: a compaction of the update log (every 200 updates) reads the log for a moment.
      return [...growth].sort((x, y) => x - y)[growth.length >> 1]!;
    };
    const control = await measure(ROUNDS / 2, []);

    const head = await h.login('loudong');
    const slow = await Promise.all([1, 2, 3, 4].map(() => openSocket(url, head)));
    const paused = slow.map(({ ws }) => stopReading(ws));
    const serverSide = hub.connections();
    expect(serverSide).toHaveLength(6);
    const withSlow = await measure(ROUNDS, serverSide);
    await roundTrip(reader.provider);
    const added = withSlow - control;
    const MiB = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      `[backpressure] ${MiB(WRITTEN)} MiB written while 4 sockets did not read: they added ${MiB(added)} MiB of buffer memory ` +
        `(median growth ${MiB(withSlow)} MiB against ${MiB(control)} MiB without them); largest socket backlog ${MiB(peakBuffered)} MiB (cap ${MiB(CAP)} MiB)`,
    );

    // No socket ever held more than the cap plus the one message that went over it.
    expect(peakBuffered).toBeLessThanOrEqual(CAP + CHUNK + 1024);
    // Without the cap everything written stays queued for the four sockets (before the cap the four
    // added 64 MiB at the median, 146 MiB at the peak); with it, at most the four backlogs and noise:
    // the writer's and the reader's own messages in flight, up to 2.8 MiB on a host busy with other work
    // (7.8 MiB added once in a full run beside browser tests, where 5 MiB are the four backlogs).
    expect(added).toBeLessThan(slow.length * (CAP + CHUNK) + 4 * 2 ** 20);
    expect(added).toBeLessThan(WRITTEN / 4);
    // The reader kept up and has the last round; the writer was never disturbed.
    expect(reader.doc.getMap<string>('load').get('blob')).toBe(blob.get('blob'));
    expect(reader.provider.wsconnected && writer.provider.wsconnected).toBe(true);
    // The slow sockets were closed with 4509; their client sees it once it reads again.
    for (const socket of paused) socket.resume();
    expect(await Promise.all(slow.map((s) => s.closed))).toEqual(slow.map(() => CloseCode.SlowConsumer));
  }, 180_000);

  it("one person's ninth socket is refused with 4429 and the other eight carry on; closing one lets a new one in", async () => {
    h = await startHarness({ collabMaxSocketsPerUser: 8 });
    const { meetingId } = await scheduledCouncil(h);
    const url = `${h.wsUrl()}/agenda-${meetingId}`;
    const head = await h.login('loudong');
    const open = await Promise.all(Array.from({ length: 8 }, () => openSocket(url, head)));
    const ninth = new WebSocket(url, { headers: { cookie: head } });
    expect(await new Promise<number>((r) => ninth.on('close', (code) => r(code)))).toBe(CloseCode.TooManySockets);
    // The stock client gives up on it for good (a 44xx close), instead of knocking again and again.
    const stock = h.connect(head, `agenda-${meetingId}`);
    expect((await waitForClosed(stock.provider)).code).toBe(CloseCode.TooManySockets);
    expect(stock.provider.shouldConnect).toBe(false);
    for (const { ws } of open) expect(ws.readyState).toBe(WebSocket.OPEN);
    // Another person is not affected by this one's count.
    const other = await openSocket(url, await h.login('zhanzhang'));
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
    // One closes: a place is free again.
    open[0]!.ws.close();
    await open[0]!.closed;
    await eventually(async () => {
      const again = await openSocket(url, head);
      again.ws.close();
    });
    for (const { ws } of [...open.slice(1), other]) ws.close();
  });
});
