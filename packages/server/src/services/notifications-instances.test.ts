/**
 * Notifications with several instances of the server: each delivery is claimed by one, each reminder
 * created once, and the daily reminders (overdue items in working days, the staff digest to a robot)
 * sent once. PostgreSQL runs a second connection pool as a second instance has; SQLite is one
 * process per file.
 */
import { beijingClock, beijingInstant, notificationEndpoints, type NotificationKind } from '@yishi/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { claimDeliveries } from '../db/repositories/notifications.repository.js';
import { enqueue, openVoteId, useNotificationFixture } from '../testing/notification-fixture.js';
import type { TestRobotServer } from '../testing/robot-test-server.js';
import { openPeerApp, type TestApp } from '../testing/test-app.js';
import { runNotificationSchedule } from './notification-scheduler.js';
import { drainNotifications, writeOwedDeliveries, writeOwedNotices } from './notification-worker.js';
import type { NotificationChannels } from '../notify/channels.js';

const f = useNotificationFixture();
let t: TestApp;
let dsct: string;
let robots: TestRobotServer;
let channels: NotificationChannels;
beforeEach(() => {
  ({ t, dsct, robots, channels } = f);
});

describe('several instances', () => {
  it('exactly one instance claims each delivery', async () => {
    await enqueue(f, { kind: 'vote_opened', voteId: await openVoteId(f) });
    await writeOwedDeliveries(t.deps);
    // PostgreSQL: a second connection pool, as a second instance has. SQLite is one process per file.
    const peer = t.dialect === 'postgres' ? openPeerApp(t) : { ...t, close: async () => undefined };
    try {
      const lease = new Date(f.now.getTime() + 60_000).toISOString();
      const claims = await Promise.all(
        ['a', 'b', 'a2', 'b2'].map((owner, i) =>
          (i % 2 === 0 ? t : peer).deps.db
            .transaction()
            .execute((trx) => claimDeliveries(trx, { owner, now: f.now.toISOString(), leaseUntil: lease, limit: 40 })),
        ),
      );
      const ids = claims.flat().map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      const pending = await t.deps.db.selectFrom('notification_deliveries').select('id').execute();
      expect(ids.length).toBe(Math.min(160, pending.length));
    } finally {
      await peer.close();
    }
  });

  it('the scheduler creates each reminder once, however many instances run it', async () => {
    const voteId = await openVoteId(f);
    const vote = await t.deps.db.selectFrom('votes').select('closes_at').where('id', '=', voteId).executeTakeFirstOrThrow();
    f.now = new Date(Date.parse(vote.closes_at) - 3 * 3600_000);
    const peer = t.dialect === 'postgres' ? openPeerApp(t, { clock: () => f.now }) : { ...t, close: async () => undefined };
    try {
      await Promise.all([runNotificationSchedule(t.deps), runNotificationSchedule(peer.deps), runNotificationSchedule(t.deps)]);
      // Its notices are written by the worker after the commit.
      await writeOwedNotices(t.deps);
      const closing = await t.deps.db.selectFrom('notification_events').selectAll().where('kind', '=', 'vote_closing').execute();
      expect(closing).toHaveLength(1);
      // Only owners who have not voted are reminded.
      const voted = await t.deps.db.selectFrom('ballots').select('unit_id').where('vote_id', '=', voteId).execute();
      expect(closing[0]!.recipient_count).toBeGreaterThan(0);
      const notices = await t.deps.db.selectFrom('notifications').select('person_id').where('event_id', '=', closing[0]!.id).execute();
      const ownersOfVoted = await t.deps.db
        .selectFrom('ownerships')
        .select('person_id')
        .where(
          'unit_id',
          'in',
          voted.map((b) => b.unit_id!),
        )
        .execute();
      const votedPersons = new Set(ownersOfVoted.map((o) => o.person_id));
      expect(notices.filter((n) => votedPersons.has(n.person_id!) && !['13800000001'].includes(n.person_id!)).length).toBeLessThanOrEqual(1);
      await runNotificationSchedule(peer.deps);
      expect(await t.deps.db.selectFrom('notification_events').select('id').where('kind', '=', 'vote_closing').execute()).toHaveLength(1);
    } finally {
      await peer.close();
    }
  });

  it('sends overdue reminders counted in working days and one 08:30 digest per compound with a robot', async () => {
    const chief = await t.login('zhanzhang');
    await t.ok(notificationEndpoints.addRobot, {
      cookie: chief,
      params: { compoundId: dsct },
      body: { kind: 'wecom', name: '站点群', url: robots.wecomUrl('digest-key'), events: ['staff_digest'] },
    });
    const item = await t.deps.db
      .selectFrom('action_items')
      .select(['id', 'due_date'])
      .where('compound_id', '=', dsct)
      .where('status', 'in', ['open', 'in_progress'])
      .executeTakeFirstOrThrow();
    // Make it due last Monday-ish: three weeks before "today".
    const today = beijingClock(f.now).date;
    const due = new Date(Date.parse(`${today}T04:00:00Z`) - 21 * 86_400_000).toISOString().slice(0, 10);
    await t.deps.db.updateTable('action_items').set({ due_date: due }).where('id', '=', item.id).execute();
    // Before 08:30 nothing daily goes out.
    f.now = beijingInstant(today, 8 * 60);
    await runNotificationSchedule(t.deps);
    expect(await t.deps.db.selectFrom('notification_events').select('id').where('kind', 'in', ['item_overdue', 'staff_digest']).execute()).toHaveLength(0);
    f.now = beijingInstant(today, 8 * 60 + 31);
    await runNotificationSchedule(t.deps);
    await runNotificationSchedule(t.deps);
    const kinds = (await t.deps.db.selectFrom('notification_events').select(['kind', 'params_json']).execute()).map((e) => e.kind as NotificationKind);
    expect(kinds.filter((k) => k === 'staff_digest')).toHaveLength(1);
    await drainNotifications(t.deps, channels);
    const digest = robots.received.find((r) => r.query.get('key') === 'digest-key')!;
    expect(digest.refusal).toBeNull();
    expect((digest.body as { markdown: { content: string } }).markdown.content).toMatch(/整改日报[\s\S]*逾期 \d+ 个工作日/);
  });
});
