/**
 * Checks of the notices an action leaves, for the tests that do the action through the API of the
 * real app (services/notification-events*.test.ts): who has an in-app notice of a kind about a
 * subject, as the web app reads it, and an action first made to fail at the notices' last statement.
 */
import { notificationEndpoints, type NotificationKind } from '@yishi/core';
import type { KyselyPlugin } from 'kysely';
import { expect, vi } from 'vitest';
import { writeOwedNotices } from '../services/notification-worker.js';
import type { TestApp } from './test-app.js';

/** Login names with an in-app notice of `kind` about `subjectId`, sorted (a vote roll's notices written first, as the worker does after the commit). */
export async function noticed(t: TestApp, kind: NotificationKind, subjectId: string): Promise<string[]> {
  await writeOwedNotices(t.deps);
  const rows = await t.deps.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select('u.username')
    .where('n.kind', '=', kind)
    .where('e.subject_id', '=', subjectId)
    .where('n.in_app', '=', 1)
    .execute();
  return rows.map((r) => r.username!).sort();
}

/** Events of a kind about a subject (a rolled-back action must leave none). */
export async function eventsOf(t: TestApp, kind: NotificationKind, subjectId: string): Promise<number> {
  return (await t.deps.db.selectFrom('notification_events').select('id').where('kind', '=', kind).where('subject_id', '=', subjectId).execute()).length;
}

/** The notice of `kind` in `login`'s notification centre, as the web app reads it. */
export async function noticeOf(t: TestApp, login: string, kind: NotificationKind) {
  await writeOwedNotices(t.deps);
  const { items } = await t.ok(notificationEndpoints.list, { cookie: await t.login(login), query: { limit: 100 } });
  const notice = items.find((n) => n.kind === kind);
  expect(notice, `${login} has a ${kind} notice`).toBeDefined();
  return notice!;
}

/**
 * Runs `action` with the database failing at the notices' last statement in the action's transaction
 * (the recipient count on the event, or the fan-out row owing a vote roll's notices), as a full disk
 * would: the action answers 500 and nothing of it is kept. Then runs it for real.
 */
export async function failsThenWorks<T>(t: TestApp, action: () => Promise<{ status: number; ok: boolean; data: T | null }>): Promise<T> {
  const db = t.deps.db;
  const failing: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === 'UpdateQueryNode' && JSON.stringify(args.node.table).includes('"notification_events"')) throw new Error('disk full');
      if (args.node.kind === 'InsertQueryNode' && JSON.stringify(args.node.into).includes('"notification_fanouts"')) throw new Error('disk full');
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  t.deps.db = db.withPlugin(failing);
  // The server logs the unexpected error; that line is expected here.
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect((await action()).status).toBe(500);
    expect(log).toHaveBeenCalled();
  } finally {
    t.deps.db = db;
    log.mockRestore();
  }
  const done = await action();
  expect(done.ok, JSON.stringify(done)).toBe(true);
  return done.data!;
}
