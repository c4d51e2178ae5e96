/**
 * Loaded into a server child with `--import` (BENCH_TRACE=1): for every document update a server
 * receives, the time until it sends the update to the first and to the last other editor, measured
 * inside the server (so without the clients' share of the latency). Printed when the child exits.
 * Patches the `ws` WebSocket prototype that every server kind of the benchmark uses.
 */
import WebSocket from 'ws';

const proto = WebSocket.prototype as unknown as {
  emit: (event: string, ...args: unknown[]) => boolean;
  send: (data: Uint8Array, ...rest: unknown[]) => void;
};
const emit = proto.emit;
const send = proto.send;
/** y-websocket: message type 0 (sync), sync step 2 (an update). */
const isUpdate = (bytes: Uint8Array) => bytes[0] === 0 && bytes[1] === 2;
let receivedAt = 0;
let firstSend = 0;
let lastSend = 0;
let sends = 0;
const bursts: Array<[number, number]> = [];

proto.emit = function (this: unknown, event: string, ...args: unknown[]) {
  if (event === 'message') {
    const data = args[0] as Buffer | ArrayBuffer;
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    if (isUpdate(bytes)) {
      if (receivedAt && sends > 1) bursts.push([firstSend - receivedAt, lastSend - receivedAt]);
      receivedAt = performance.now();
      sends = 0;
    }
  }
  return emit.call(this, event, ...args);
};
proto.send = function (this: unknown, data: Uint8Array, ...rest: unknown[]) {
  const update = isUpdate(data);
  if (update && sends === 0) firstSend = performance.now();
  send.call(this, data, ...rest);
  if (update) {
    lastSend = performance.now();
    sends += 1;
  }
};
process.on('exit', () => {
  const median = (i: 0 | 1) => bursts.map((b) => b[i]).sort((a, b) => a - b)[bursts.length >> 1] ?? Number.NaN;
  process.stderr.write(
    `[server trace ${process.argv[2]}] ${bursts.length} updates: received → first send ${median(0).toFixed(3)} ms, → last send ${median(1).toFixed(3)} ms (medians)\n`,
  );
});
