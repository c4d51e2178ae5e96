/**
 * Loaded into a Yishi instance with `--import` when bench/collab-cluster.bench.ts runs with
 * BENCH_TRACE=1: for every benchmark edit (a document update carrying the marker `@<seq>;`), when this
 * instance received it from a socket, and when it sent it to its first and last socket. Times are
 * wall-clock milliseconds with sub-millisecond precision (performance.timeOrigin + now), so the bench
 * can line up the writer's instance, the other instance and its own clients. Written as JSON to
 * BENCH_TRACE_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

const out = process.env.BENCH_TRACE_FILE;
const proto = WebSocket.prototype as unknown as {
  emit: (event: string, ...args: unknown[]) => boolean;
  send: (data: Uint8Array, ...rest: unknown[]) => void;
};
const emit = proto.emit;
const send = proto.send;
const now = () => performance.timeOrigin + performance.now();

/** The marker of a y-websocket update message (type 0 sync, 2 update), or null. */
function markerOf(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0 || bytes[1] !== 2) return null;
  const match = /@(\d+);/.exec(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  return match ? Number(match[1]) : null;
}

const received: Record<number, number> = {};
const sent: Record<number, { first: number; last: number; count: number }> = {};
// A broadcast sends one message object to every socket: decode its marker once.
let lastData: Uint8Array | null = null;
let lastMarker: number | null = null;

proto.emit = function (this: unknown, event: string, ...args: unknown[]) {
  if (event === 'message') {
    const at = now();
    const data = args[0] as Buffer | ArrayBuffer;
    const marker = markerOf(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
    if (marker !== null) received[marker] ??= at;
  }
  return emit.call(this, event, ...args);
};
proto.send = function (this: unknown, data: Uint8Array, ...rest: unknown[]) {
  const before = now();
  send.call(this, data, ...rest);
  const after = now();
  if (data !== lastData) {
    lastData = data;
    lastMarker = markerOf(data);
  }
  if (lastMarker === null) return;
  const entry = (sent[lastMarker] ??= { first: before, last: before, count: 0 });
  entry.last = after;
  entry.count += 1;
};
process.on('exit', () => {
  if (out) writeFileSync(out, JSON.stringify({ received, sent }));
});
