/**
 * A vote's notices leave the transaction that opens it: the opening commits the event and one
 * fan-out row, and the outbox worker writes the owners' notices after the commit. Two things must
 * hold for that to lose nothing and keep owners waiting no longer than before: a fan-out left by a
 * process that stopped right after the opening is written by the next worker to start (here: the
 * worker started after the opening), and a worker already running writes it at once, told by the
 * opening, not at its next poll (here a minute away).
 */
import { voteEndpoints, voteTimelineEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { RobotSender } from '../notify/robot-sender.js';
import { ownersOnRoll } from '../testing/roll-owners.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { startNotificationWorker, type NotificationWorker } from './notification-worker.js';

let t: TestApp;
let worker: NotificationWorker | null = null;
beforeEach(async () => {
  t = await createTestApp({ config: { notifications: { ...loadConfig({}).notifications, pollMs: 60_000 } } });
}, 60_000);
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await t.close();
});

const startWorker = () => startNotificationWorker(t.deps, { sms: t.deps.sms, mail: null, robots: new RobotSender({ allowedHosts: [] }) });

async function openNewVote(): Promise<string> {
  const staff = await t.login('zhanzhang');
  const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const body = { title: '是否更换小区门禁系统', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt } as const;
  const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: await t.compoundId('DSCT') }, body });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
  return id;
}

/** An art. 278 vote announced (statutory: its roll is told at the announcement), not yet open. */
async function announceNewVote(): Promise<string> {
  const staff = await t.login('zhanzhang');
  const closesAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const body = { title: '使用专项维修资金维修屋面防水', kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt } as const;
  const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: await t.compoundId('DSCT') }, body });
  await t.ok(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId: id } });
  return id;
}

/**
 * The vote's (only) event so far: its notices, and whether a fan-out row still owes anything. Three reads,
 * not one snapshot: the fan-out row is read first, so that once it is gone (the worker's transaction
 * committed) the notices and the event's count read after it are the committed ones. Read the other way
 * round, a commit between the reads showed the notices written but the event's count still 0.
 */
async function opening(voteId: string) {
  const { id } = await t.deps.db.selectFrom('notification_events').select('id').where('subject_id', '=', voteId).executeTakeFirstOrThrow();
  const owed = await t.deps.db.selectFrom('notification_fanouts').select('notices_json').where('event_id', '=', id).execute();
  const notices = await t.deps.db.selectFrom('notifications').select('id').where('event_id', '=', id).execute();
  const event = await t.deps.db.selectFrom('notification_events').select(['kind', 'recipient_count']).where('id', '=', id).executeTakeFirstOrThrow();
  return { kind: event.kind, notices: notices.length, count: event.recipient_count, owed };
}

/** Waits (up to 15 s) until the opening's notices are written and nothing is owed any more. */
async function fannedOut(voteId: string) {
  for (let i = 0; i < 150; i += 1) {
    const state = await opening(voteId);
    if (state.owed.length === 0 && state.notices > 0) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return opening(voteId);
}

describe('a vote opening’s notices, written after its commit', () => {
  it('are owed by one committed row while no worker runs, and written by the next worker to start', async () => {
    const voteId = await openNewVote();
    const before = await opening(voteId);
    expect(before.notices).toBe(0);
    expect(before.owed).toHaveLength(1);
    expect(JSON.parse(before.owed[0]!.notices_json!)).toMatchObject({ kind: 'vote_opened', voteId });
    worker = startWorker();
    const after = await fannedOut(voteId);
    expect(after.owed).toEqual([]);
    expect(after.notices).toBe((await ownersOnRoll(t.deps.db, voteId)).length);
    expect(after.count).toBe(after.notices);
  });

  it('are written by a running worker as soon as the opening commits, not at its next poll', async () => {
    worker = startWorker();
    // Its first round (at start) has found nothing; the next poll is a minute away.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const voteId = await openNewVote();
    const after = await fannedOut(voteId);
    expect(after.owed).toEqual([]);
    expect(after.notices).toBe((await ownersOnRoll(t.deps.db, voteId)).length);
  });

  it('are written at once for an announcement too (the timeline tells the worker as opening does)', async () => {
    worker = startWorker();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const voteId = await announceNewVote();
    const after = await fannedOut(voteId);
    expect(after.kind).toBe('vote_announced');
    // Nothing owed within the wait: the next poll, a minute away, did not write them.
    expect(after.owed).toEqual([]);
    // The announcement goes in the app and by e-mail, no SMS: to the owners on the roll who can get it.
    expect(after.notices).toBeGreaterThan(0);
    expect(after.count).toBe(after.notices);
  });
});
