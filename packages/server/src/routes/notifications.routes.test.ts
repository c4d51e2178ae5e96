/** My notification centre a page at a time: newest first, every notice exactly once even when many share one instant. */
import { notificationEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOwedNotices } from '../services/notification-worker.js';
import { enqueueNotifications } from '../services/notifications.service.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
// Seeding the demo can take a while on a loaded machine.
beforeEach(async () => {
  t = await createTestApp();
}, 60_000);
afterEach(() => t.close());

describe('my notifications, paged', () => {
  it('pages newest first with the id breaking ties in time, each notice once, the unread count on every page', async () => {
    const dsct = await t.compoundId('DSCT');
    const votes = await t.deps.db.selectFrom('votes').select('id').where('compound_id', '=', dsct).where('status', '=', 'closed').execute();
    for (const v of votes) await t.deps.db.transaction().execute((trx) => enqueueNotifications(trx, t.deps, { kind: 'vote_result', voteId: v.id }));
    // A vote's notices are written by the worker after the commit.
    await writeOwedNotices(t.deps);
    const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'yezhu').executeTakeFirstOrThrow();
    const mine = await t.deps.db.selectFrom('notifications').select('id').where('user_id', '=', user.id).where('in_app', '=', 1).execute();
    expect(mine.length).toBeGreaterThanOrEqual(4);
    const unread =
      mine.length -
      (
        await t.deps.db
          .selectFrom('notifications')
          .select('id')
          .where('user_id', '=', user.id)
          .where('in_app', '=', 1)
          .where('read_at', 'is not', null)
          .execute()
      ).length;
    // All at one instant but the last: a page boundary falls among equal times.
    await t.deps.db.updateTable('notifications').set({ created_at: '2026-11-21T02:00:00.000Z' }).where('user_id', '=', user.id).execute();
    await t.deps.db.updateTable('notifications').set({ created_at: '2026-11-22T02:00:00.000Z' }).where('id', '=', mine[0]!.id).execute();

    const cookie = await t.login('yezhu');
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await t.ok(notificationEndpoints.list, { cookie, query: { limit: 3, after } });
      expect(page.unread).toBe(unread);
      seen.push(...page.items.map((i) => i.id));
      after = page.next ?? undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(mine.length / 3));
    expect(new Set(seen).size).toBe(mine.length);
    expect(seen[0]).toBe(mine[0]!.id);
    const tied = seen.slice(1);
    expect(tied).toEqual([...tied].sort().reverse());

    const bad = await t.api(notificationEndpoints.list, { cookie, query: { limit: 500 } });
    expect(bad.status).toBe(400);
  });
});
