/**
 * The outbox (offline/outbox.ts) seen from the shell: how many of the current user's writes wait to be sent, and
 * their sending wherever the app is opened, not only on the meeting and ask pages that import outbox.ts. That module
 * carries the evening talk's endpoints and the API client, so the connection strip (app/connection-bar.ts) imports
 * this one instead: it reads the outbox's database and loads outbox.ts — which sends what waits as it loads, then on
 * every `online` and every reconnection — only once something waits. A device that never queued anything (no
 * `yishi-outbox` database) has nothing opened or created.
 */
import { createStore, entries, type UseStore } from 'idb-keyval';
import { currentMe, onSessionChange } from '../state/session.js';
import type { OutboxEntry } from './outbox.js';

const OUTBOX_DB = 'yishi-outbox';
/** The prefix of an entry's key in the store. */
export const OUTBOX_ENTRY = 'outbox:';
/** The BroadcastChannel on which outbox.ts says the queue changed: heard by other tabs, and by this tab's other channels. */
export const OUTBOX_CHANNEL = 'yishi-outbox';
/**
 * How long a change settles before it is counted: online, a write is sent as it is queued, and the strip should
 * not flash "1 waiting" for each. On one bar of signal the send takes longer, and the count shows.
 */
const SETTLE_MS = 1_000;

let store: UseStore | undefined;
/** The outbox's own database (idb-keyval opens it, creating it if need be, when the store is made: so on first use). */
export const outboxStore = (): UseStore => (store ??= createStore(OUTBOX_DB, 'keyval'));

/** False only when the browser lists its databases and the outbox's is not among them. Listing opens none. */
async function mayHoldOutbox(): Promise<boolean> {
  if (store || typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  const databases = await indexedDB.databases().catch(() => null);
  return databases === null || databases.some((db) => db.name === OUTBOX_DB);
}

/** The current user's entries waiting to be sent; the refused ones wait for the worker on the meeting page, not for the network. */
export async function waitingCount(): Promise<number> {
  const userId = currentMe()?.userId;
  if (!userId || !(await mayHoldOutbox())) return 0;
  const all = await entries<string, OutboxEntry>(outboxStore());
  return all.filter(([key, entry]) => key.startsWith(OUTBOX_ENTRY) && entry.userId === userId && entry.status !== 'rejected').length;
}

let outbox: Promise<unknown> | null = null;
/** outbox.ts, once: it sends what waits as it loads. A failed download (offline, nothing cached) is tried again at the next count. */
const loadOutbox = (): Promise<unknown> => (outbox ??= import('./outbox.js').catch(() => (outbox = null)));

/**
 * Tells `show` how many entries wait — now, when the queue changes (in any tab), when the connection comes back and
 * when the session changes — and has them sent when any do. Answers a function that stops watching.
 */
export function watchOutbox(show: (count: number) => void): () => void {
  let counting = 0;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const count = async (): Promise<void> => {
    const mine = ++counting;
    const waiting = await waitingCount().catch(() => 0);
    if (mine !== counting) return;
    show(waiting);
    if (waiting > 0) void loadOutbox();
  };
  const now = () => {
    clearTimeout(settle);
    void count();
  };
  const later = () => {
    clearTimeout(settle);
    settle = setTimeout(() => void count(), SETTLE_MS);
  };
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);
  channel?.addEventListener('message', later);
  window.addEventListener('online', now);
  const stopSession = onSessionChange(now);
  now();
  return () => {
    clearTimeout(settle);
    counting++;
    channel?.close();
    window.removeEventListener('online', now);
    stopSession();
  };
}
