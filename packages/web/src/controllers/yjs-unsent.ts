/**
 * Which of my edits the server has confirmed, for the "unsent changes" line.
 *
 * The y-websocket protocol has no acknowledgement, so this uses one it already has: the server answers
 * a sync step 1 with a sync step 2 only after everything it received before it on that socket is
 * applied and stored (server collab/hub.ts `receive`: the answer is queued behind the document's store
 * chain, after a flush). So after edits are sent (the catch-up that answers the server's own step 1
 * on reconnect, or live updates), this sends a step 1 of its own — a "barrier" — and when its step 2
 * comes back, every edit counted before the barrier went out is known to be on the server.
 *
 * What counts as an edit: one local transaction (a typed character, an added item, a changed time
 * box), so the number is "changes", not characters or items. Updates from the server and from the
 * device's stored copy are not counted; the stored copy brings its own count (yjs-local-copy.ts).
 * A read-only socket's edits are dropped by the server and still "confirmed" here: the page says the
 * document is read-only instead.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
/** While online, how long typing pauses before the edits are confirmed (one small round trip). */
const LIVE_CONFIRM_DELAY_MS = 1000;

export class UnsentTracker {
  /** Local edits counted so far. */
  private made = 0;
  private confirmed = 0;
  /** For each sync step 1 sent on the current connection, in order: the edit count its answer confirms (null: the provider's own). */
  private waiting: Array<number | null> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Edits were waiting when the connection opened: they are being caught up. */
  private catchingUp = false;

  constructor(
    private readonly provider: WebsocketProvider,
    /** Updates with these origins are not my edits (the provider's are the server's; the stored copy's). */
    private readonly notMine: (origin: unknown) => boolean,
    private readonly changed: () => void,
  ) {
    const original = provider.messageHandlers[MESSAGE_SYNC]!;
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
      const step = decoding.readVarUint(decoding.clone(decoder));
      original(encoder, decoder, p, emitSynced, type);
      // The server's step 1: my catch-up (step 2) goes out when this handler returns; the barrier after it.
      if (step === SYNC_STEP_1) this.schedule(0);
      else if (step === SYNC_STEP_2) this.answered();
    };
    provider.on('status', this.onStatus);
    provider.doc.on('update', this.onUpdate);
  }

  /** Edits not yet confirmed by the server. */
  get unsent(): number {
    return this.made - this.confirmed;
  }

  /** Connected, and sending edits that waited for the connection. */
  get syncing(): boolean {
    return this.catchingUp && this.unsent > 0;
  }

  /** Adds the edits the stored copy says were never confirmed (made before the tab was closed). */
  carry(count: number): void {
    if (count <= 0) return;
    this.made += count;
    this.changed();
  }

  destroy(): void {
    this.clearTimer();
    this.provider.off('status', this.onStatus);
    this.provider.doc.off('update', this.onUpdate);
  }

  private readonly onStatus = ({ status }: { status: string }) => {
    this.clearTimer();
    // A new socket: the provider sends its own step 1 right away (its answer confirms nothing of mine).
    this.waiting = status === 'connected' ? [null] : [];
    this.catchingUp = status === 'connected' && this.unsent > 0;
  };

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (this.notMine(origin)) return;
    this.made += 1;
    this.schedule(LIVE_CONFIRM_DELAY_MS);
    this.changed();
  };

  private schedule(delay: number): void {
    if (this.unsent === 0 || !this.provider.wsconnected) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendBarrier();
    }, delay);
  }

  private sendBarrier(): void {
    const ws = this.provider.ws;
    if (!ws || !this.provider.wsconnected || ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP_1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.provider.doc));
    ws.send(encoding.toUint8Array(encoder));
    this.waiting.push(this.made);
  }

  private answered(): void {
    const mark = this.waiting.shift();
    if (mark === undefined || mark === null || mark <= this.confirmed) return;
    this.confirmed = mark;
    if (this.unsent === 0) this.catchingUp = false;
    else this.schedule(LIVE_CONFIRM_DELAY_MS);
    this.changed();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
