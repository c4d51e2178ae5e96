/**
 * The evening-talk outbox: every question recorded, answered, listed or merged from the meeting
 * page, and every correction of an answer, is first written to IndexedDB (idb-keyval, database
 * `yishi-outbox`) and then sent, so that a write made with no signal waits — through a reload or a
 * closed tab — and is sent once the network is back. Each entry carries its own Idempotency-Key
 * (crypto.randomUUID), so a send repeated after a lost answer, a reload mid-flush or from a second
 * tab is answered by the server from its stored response and written once. Entries go in the order
 * they were made; an answer to a question recorded offline waits for it and is sent against the id
 * the server gave it.
 *
 * - A network failure (ApiError status 0) leaves the entry pending and ends the flush.
 * - A refusal (4xx/5xx) marks it rejected with the server's words; it is kept until the worker copies,
 *   retries or discards it. Entries waiting on a rejected question are rejected with it.
 * - Flushes run one at a time per tab, and across tabs under the Web Lock `yishi-outbox`.
 *   They start on `online`, when the module loads, and after each enqueue; a flush that met no
 *   network while the browser believes it is online (one bar of signal) tries again by itself,
 *   after 2, 4, 8, then every 15 seconds. Pages that queue load this module; on any other page the shell's
 *   connection strip loads it (offline/outbox-watch.ts) when the database holds something waiting.
 */
import { eveningTalkEndpoints, type Answer, type BodyInput } from '@yishi/core';
import { del, entries, get, set, update } from 'idb-keyval';
import { ApiError, api } from '../api/client.js';
import { t } from '../i18n.js';
import { RECONNECTED, currentMe } from '../state/session.js';
import { OUTBOX_CHANNEL, OUTBOX_ENTRY, outboxStore } from './outbox-watch.js';

export type OutboxKind = 'record' | 'answer' | 'correct' | 'list' | 'merge';
type Endpoints = typeof eveningTalkEndpoints;
type EndpointOf<K extends OutboxKind> = Endpoints[K extends 'record' ? 'submit' : K extends 'correct' ? 'correctAnswer' : K];
type BodyOf<K extends OutboxKind> = BodyInput<EndpointOf<K>>;

export interface OutboxEntry<K extends OutboxKind = OutboxKind> {
  localId: string;
  /** Creation order (ms since epoch, then a counter): entries are sent in it. */
  seq: number;
  userId: string;
  meetingId: string;
  kind: K;
  /** The question handled (answer/correct/list/merge); a local id (`local:…`) while that question waits in the outbox itself. */
  questionId?: string;
  body: BodyOf<K>;
  idempotencyKey: string;
  status: 'pending' | 'sending' | 'rejected';
  rejection?: { code: string; message: string; status: number };
  createdAt: string;
}

/** What enqueuing answered: the server's answer when it was sent at once, else that it waits. */
export type Sent<K extends OutboxKind> = { sent: true; answer: Answer<EndpointOf<K>> } | { sent: false; entry: OutboxEntry<K> };

// A database of its own: idb-keyval creates one store per database (snapshots.ts has `yishi-offline`).
const store = outboxStore();
const ENTRY = OUTBOX_ENTRY;
const events = new EventTarget();
export const OUTBOX_CHANGED = 'yishi-outbox-changed';
/** Other tabs hear of changes too (their lists show the same queue). */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);
channel?.addEventListener('message', () => events.dispatchEvent(new Event(OUTBOX_CHANGED)));

function changed(): void {
  events.dispatchEvent(new Event(OUTBOX_CHANGED));
  channel?.postMessage('changed');
}

export function onOutboxChange(listener: () => void): () => void {
  events.addEventListener(OUTBOX_CHANGED, listener);
  return () => events.removeEventListener(OUTBOX_CHANGED, listener);
}

let counter = 0;
/** Entries whose enqueue waits for their first send, the form that made them still open. */
const atForm = new Set<string>();

/** The current user's entries for a meeting (or all of theirs), in the order they were made. */
export async function outboxEntries(meetingId?: string): Promise<OutboxEntry[]> {
  const userId = currentMe()?.userId;
  if (!userId) return [];
  const all = (await entries<string, OutboxEntry>(store)).filter(([key]) => key.startsWith(ENTRY)).map(([, entry]) => entry);
  return all.filter((e) => e.userId === userId && (meetingId === undefined || e.meetingId === meetingId)).sort((a, b) => a.seq - b.seq);
}

/** Puts a write in the outbox and tries to send it (and anything before it) now. */
export async function enqueue<K extends OutboxKind>(kind: K, meetingId: string, body: BodyOf<K>, questionId?: string): Promise<Sent<K>> {
  const me = currentMe();
  if (!me) throw new ApiError(401, 'unauthenticated', t('questions.outbox.loggedOut'));
  // A question that was still waiting when its form was opened may have gone out since.
  if (questionId) questionId = serverIdOf(questionId) ?? questionId;
  const entry: OutboxEntry<K> = {
    localId: `local:${crypto.randomUUID()}`,
    seq: Date.now() * 1000 + (counter++ % 1000),
    userId: me.userId,
    meetingId,
    kind,
    ...(questionId ? { questionId } : {}),
    body,
    idempotencyKey: crypto.randomUUID(),
    status: 'pending',
    createdAt: new Date().toISOString(),
  };
  await set(ENTRY + entry.localId, entry, store);
  changed();
  atForm.add(entry.localId);
  await flushOutbox().finally(() => atForm.delete(entry.localId));
  // Whichever flush took it (this one, or one already running), it left its outcome here.
  const result = outcomes.get(entry.localId);
  outcomes.delete(entry.localId);
  if (result instanceof ApiError) {
    // Refused while the worker is still at the form: the form says why (under the field), the
    // text is still in it, so the outbox forgets the entry.
    await del(ENTRY + entry.localId, store);
    changed();
    throw result;
  }
  if (result !== undefined) return { sent: true, answer: result as never };
  return { sent: false, entry };
}

/** Sends one entry; answers the server's answer. Network failures and refusals throw ApiError. */
function send(entry: OutboxEntry): Promise<unknown> {
  const headers = { 'Idempotency-Key': entry.idempotencyKey };
  const meetingId = entry.meetingId;
  if (entry.kind === 'record') return api.call(eveningTalkEndpoints.submit, { params: { meetingId }, body: entry.body as BodyOf<'record'>, headers });
  const params = { meetingId, questionId: entry.questionId! };
  if (entry.kind === 'answer') return api.call(eveningTalkEndpoints.answer, { params, body: entry.body as BodyOf<'answer'>, headers });
  if (entry.kind === 'correct') return api.call(eveningTalkEndpoints.correctAnswer, { params, body: entry.body as BodyOf<'correct'>, headers });
  if (entry.kind === 'list') return api.call(eveningTalkEndpoints.list, { params, body: entry.body as BodyOf<'list'>, headers });
  return api.call(eveningTalkEndpoints.merge, { params, body: entry.body as BodyOf<'merge'>, headers });
}

async function patch(localId: string, change: Partial<OutboxEntry>): Promise<void> {
  await update<OutboxEntry | undefined>(ENTRY + localId, (old) => (old ? { ...old, ...change } : old), store);
}

/**
 * Questions recorded from this tab that the server took, for the page's life: the server's id by the local one it
 * had while it waited, and back. A form open on such a question stays open across the change of id, and what is
 * done with it afterwards goes against the server's id.
 */
const sentQuestions = new Map<string, { id: string; number: number }>();
const localIds = new Map<string, string>();
export const sentQuestionOf = (localId: string): { id: string; number: number } | undefined => sentQuestions.get(localId);
export const serverIdOf = (localId: string): string | undefined => sentQuestions.get(localId)?.id;
export const localIdOf = (questionId: string): string | undefined => localIds.get(questionId);

/** Per local id, the answer or the refusal of an entry sent by this tab, until its enqueue reads it. */
const outcomes = new Map<string, unknown>();

/** The waits before a flush that met no network tries again by itself (the last one repeats). */
const RETRY_MS = [2_000, 4_000, 8_000, 15_000];
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * After a flush: met no network, it tries again later (unless the browser says it is offline: its
 * `online` event will); otherwise the waits start again from the shortest.
 */
function scheduleRetry(stalled: boolean): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  if (!stalled) {
    retries = 0;
    return;
  }
  if (!navigator.onLine) return;
  retryTimer = setTimeout(() => void flushOutbox(), RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]);
}

/** Sends what waits, in order, leaving each answer or refusal in `outcomes`. */
async function flushOnce(): Promise<void> {
  let answered = false;
  let stalled = false;
  for (const listed of await outboxEntries()) {
    // Read again under the lock: another tab may have sent it (it is gone), or a record sent before
    // it gave its question the server's id.
    let entry = await get<OutboxEntry>(ENTRY + listed.localId, store);
    if (!entry || entry.status === 'rejected') continue;
    const resolved = entry.questionId && serverIdOf(entry.questionId);
    if (resolved) {
      // Made (in this tab) against a question that went out meanwhile: it goes against the server's id.
      await patch(entry.localId, { questionId: resolved });
      entry = { ...entry, questionId: resolved };
    }
    if (entry.questionId?.startsWith('local:')) {
      const question = await get<OutboxEntry>(ENTRY + entry.questionId, store);
      // Its question is still to go out first (it went no further); refused or discarded, this cannot go either.
      if (question && question.status !== 'rejected') continue;
      await patch(entry.localId, {
        status: 'rejected',
        rejection: { code: 'outbox_question_rejected', message: t('questions.outbox.questionRejected'), status: 0 },
      });
      changed();
      continue;
    }
    // Marked while it is out: a reload now finds it "sending" and sends it again with the same key.
    await patch(entry.localId, { status: 'sending' });
    try {
      const answer = await send(entry);
      if (entry.kind === 'record') {
        const { id: questionId, number } = answer as { id: string; number: number };
        sentQuestions.set(entry.localId, { id: questionId, number });
        localIds.set(questionId, entry.localId);
        await resolveQuestion(entry.localId, questionId);
      }
      await del(ENTRY + entry.localId, store);
      outcomes.set(entry.localId, answer);
      answered = true;
    } catch (error) {
      const refusal = error instanceof ApiError ? error : new ApiError(0, 'network_error', String(error));
      if (refusal.status === 0) {
        await patch(entry.localId, { status: 'pending' });
        changed();
        stalled = true;
        break;
      }
      await patch(entry.localId, { status: 'rejected', rejection: { code: refusal.code, message: refusal.message, status: refusal.status } });
      outcomes.set(entry.localId, refusal);
      // Refused while its form is still open (sent at once): the form says why; reloading the page under
      // it would close the form and lose the words. A refusal met later is news: the pages reload.
      if (!atForm.has(entry.localId)) answered = true;
    }
    changed();
  }
  scheduleRetry(stalled);
  if (answered) events.dispatchEvent(new Event(OUTBOX_ANSWERED));
}

/** A question recorded here was accepted: what waits on it (an answer, a listing) now names the server's id, kept in the store. */
async function resolveQuestion(localId: string, questionId: string): Promise<void> {
  for (const [key, entry] of await entries<string, OutboxEntry>(store)) {
    if (key.startsWith(ENTRY) && entry.questionId === localId) await patch(entry.localId, { questionId });
  }
}

/** Fired (in this tab) after the server accepted or refused something of a flush: what it shows has changed, pages reload. */
export const OUTBOX_ANSWERED = 'yishi-outbox-answered';
export function onOutboxAnswered(listener: () => void): () => void {
  events.addEventListener(OUTBOX_ANSWERED, listener);
  return () => events.removeEventListener(OUTBOX_ANSWERED, listener);
}

let running: Promise<void> = Promise.resolve();

/** One flush at a time in this tab (the next waits for the last), and across tabs under a Web Lock. */
export function flushOutbox(): Promise<void> {
  const locked = async (): Promise<void> => {
    if (navigator.locks) await navigator.locks.request('yishi-outbox', () => flushOnce());
    else await flushOnce();
  };
  running = running.then(locked, locked);
  return running;
}

/** Sends a rejected entry again (after the reason was dealt with), with its key. */
export async function retryEntry(localId: string): Promise<void> {
  await update<OutboxEntry | undefined>(ENTRY + localId, (old) => (old ? { ...old, status: 'pending', rejection: undefined } : old), store);
  changed();
  await flushOutbox();
}

export async function discardEntry(localId: string): Promise<void> {
  await del(ENTRY + localId, store);
  changed();
}

/** The words an entry stands for, to copy out of a rejected one. */
export function entryText(entry: OutboxEntry): string {
  const body = entry.body as { text?: string; answer?: string; measures?: string };
  return body.text ?? body.answer ?? body.measures ?? '';
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushOutbox());
  // A page loaded with no signal may never hear 'online' (it believed it was online): the session's
  // return, confirmed by the server, is the other signal.
  window.addEventListener(RECONNECTED, () => void flushOutbox());
  // What an earlier visit left (a tab closed offline) goes out as soon as a page that uses the outbox loads.
  queueMicrotask(() => void flushOutbox());
}
