/**
 * Half-open sockets: a phone that loses its signal never closes its websocket. The server pings every
 * socket and drops one that has not answered the previous ping, so its presence goes and its memory is
 * freed; a live client (which answers pings by itself) stays connected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, scheduledCouncil, startHarness, waitForSync, type Harness } from './collab-helpers.js';

// Long enough that a pause of the shared event loop (a GC in a long test run) does not make two ticks look like one missed ping.
const PING_MS = 400;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ collabPingIntervalMs: PING_MS });
});
afterAll(async () => {
  await h?.close();
});

describe('heartbeat on live-document sockets', () => {
  it('drops a socket that stops answering pings and keeps one that answers', async () => {
    const { meetingId, convener } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const live = h.connect(convener, name);
    await waitForSync(live.provider);
    let liveDrops = 0;
    live.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected') liveDrops += 1;
    });

    // A client that went silent: connected, then never answers a ping again. It is counted in
    // pings, not milliseconds: dropped at the second ping at the latest (it missed the first).
    const silent = new WebSocket(`${h.wsUrl()}/${name}`, { headers: { cookie: await h.login('zhanzhang') }, autoPong: false });
    await new Promise((resolve, reject) => {
      silent.once('open', resolve);
      silent.once('error', reject);
    });
    let silentPings = 0;
    silent.on('ping', () => (silentPings += 1));
    silent.send(new Uint8Array([1, 1, 0])); // an (empty) awareness message: the server counts it as here
    await new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    expect(silentPings).toBeGreaterThanOrEqual(1);
    expect(silentPings).toBeLessThanOrEqual(2);

    // The answering client goes on answering: five more pings, and it was never dropped.
    const liveSocket = live.provider.ws as unknown as WebSocket;
    await new Promise<void>((resolve) => {
      let pings = 0;
      const onPing = () => {
        if (++pings < 5) return;
        liveSocket.off('ping', onPing);
        resolve();
      };
      liveSocket.on('ping', onPing);
    });
    expect(liveDrops).toBe(0);
    await eventually(() => expect(live.provider.wsconnected).toBe(true));
  });
});
