/**
 * The public board reads a fixed number of statements however many meetings and sign-offs a compound
 * has: the meetings section's topics and question counts in one statement each (no statement per
 * meeting), and of the sign-offs only as many rows as notices are shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDb } from '../testing/statement-counter.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { buildFeed, getBoardSummary, listNotices } from './board.service.js';
import { meetingsCalendar, publicMeetings } from './meeting-board.service.js';

let t: TestApp;
let dsct: string;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date('2026-11-16T02:00:00.000Z') });
  dsct = await t.compoundId('DSCT');
}, 180_000);
afterAll(() => t.close());

describe('the public board reads', () => {
  it('the topics and question counts of all the meetings shown in one statement each', async () => {
    const { db, seen } = countingDb(t.deps.db);
    const meetings = await publicMeetings({ ...t.deps, db }, dsct, { limit: 20 });
    const shown = [...meetings.items, ...meetings.recent];
    expect(shown.filter((m) => m.questionCounts !== null).length).toBeGreaterThanOrEqual(2);
    expect(shown.filter((m) => m.topics.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(seen.reads.get('meeting_agenda_items')).toBe(1);
    expect(seen.reads.get('meeting_questions')).toBe(1);
  });

  it('the calendar reads the topics of every meeting in one statement, and a live agenda only for meetings not yet held', async () => {
    const { db, seen } = countingDb(t.deps.db);
    await meetingsCalendar({ ...t.deps, db }, dsct);
    expect(seen.reads.get('meeting_agenda_items')).toBe(1);
    // A meeting that went into session has its agenda frozen in rows, even an empty one.
    const notHeld = await t.deps.db
      .selectFrom('meetings')
      .select('id')
      .where('compound_id', '=', dsct)
      .where('status', 'in', ['scheduled', 'cancelled'])
      .execute();
    const held = await t.deps.db.selectFrom('meetings').select('id').where('compound_id', '=', dsct).where('status', 'in', ['in_session', 'closed']).execute();
    expect(held.length).toBeGreaterThan(0);
    expect(seen.reads.get('collab_snapshots') ?? 0).toBeLessThanOrEqual(notHeld.length);
  });

  it('of the sign-offs, only as many as notices are shown', async () => {
    const signedOff = await t.deps.db.selectFrom('action_items').select('id').where('compound_id', '=', dsct).where('status', '=', 'signed_off').execute();
    expect(signedOff.length).toBeGreaterThanOrEqual(2);
    const { db, seen } = countingDb(t.deps.db);
    const notices = await listNotices(db, dsct, 5);
    expect(notices).toHaveLength(5);
    expect(seen.reads.get('action_items')).toBe(1);
    expect((await getBoardSummary(t.deps, dsct)).latestNotices).toEqual(notices);
    // The feed's 50 notices: the sign-offs among them are the newest ones.
    const feed = await buildFeed(t.deps, dsct);
    const shownSignOffs = feed.notices.filter((n) => n.kind === 'sign_off').map((n) => n.date);
    expect(shownSignOffs).toEqual([...shownSignOffs].sort().reverse());
  });

  it('of the votes, meetings and minutes, only as many of each as notices are shown: the same notices with 40 more closed votes', async () => {
    const before = await listNotices(t.deps.db, dsct, 50);
    // 40 votes closed long ago (older than every notice), then one dated after every other notice.
    const vote = await t.deps.db.selectFrom('votes').selectAll().where('compound_id', '=', dsct).where('status', '=', 'closed').executeTakeFirstOrThrow();
    const old = Array.from({ length: 40 }, (_, i) => ({ ...vote, id: `old-vote-${i}`, closed_at: `2020-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }));
    await t.deps.db
      .insertInto('votes')
      .values([...old, { ...vote, id: 'new-vote', title: '刚刚公布的表决', closed_at: '2099-01-01T00:00:00.000Z' }])
      .execute();
    const { db, seen } = countingDb(t.deps.db);
    const five = await listNotices(db, dsct, 5);
    // Four kinds, at most five rows of each (the demo has more than five meetings and votes of all time).
    expect(seen.statements).toBe(4);
    expect(seen.rows).toBeLessThanOrEqual(20);
    expect(five[0]).toMatchObject({ id: 'vote-new-vote', title: '表决结果：刚刚公布的表决' });
    expect(five.slice(1)).toEqual(before.slice(0, 4));
    // The 50 newest: the new one, those before, then as many of the old ones as fit, newest first.
    const fifty = await listNotices(t.deps.db, dsct, 50);
    const isOld = (n: { id: string }) => n.id.startsWith('vote-old-vote-');
    expect(fifty.filter((n) => !isOld(n))).toEqual([five[0], ...before]);
    const fit = 50 - 1 - before.length;
    expect(fifty.filter(isOld).map((n) => n.id)).toEqual(
      old
        .map((v) => `vote-${v.id}`)
        .reverse()
        .slice(0, fit),
    );
    await t.deps.db
      .deleteFrom('votes')
      .where('id', 'in', ['new-vote', ...old.map((v) => v.id)])
      .execute();
  });
});
