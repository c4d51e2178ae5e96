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

  it('the calendar reads the topics of every meeting in one statement', async () => {
    const { db, seen } = countingDb(t.deps.db);
    await meetingsCalendar({ ...t.deps, db }, dsct);
    expect(seen.reads.get('meeting_agenda_items')).toBe(1);
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
});
