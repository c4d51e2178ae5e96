/**
 * A meeting held at another time than its notice said: the minutes' header, the 3-day deadline
 * (会后3日内), the minutes work list, the dashboard's counts and the public board go by when it was
 * held, and name the scheduled time beside it.
 */
import { dashboardEndpoints, minutesEndpoints, publicMeetingEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// "Now" is Friday 20 Nov 2026, 10:00 China time. The council's notice said Wednesday 9 Dec, 14:30;
// it was brought forward and held on Thursday 19 Nov, 09:00–10:50.
const NOW = new Date('2026-11-20T02:00:00.000Z');
const SCHEDULED = new Date('2026-12-09T06:30:00.000Z');
const HELD = new Date('2026-11-19T01:00:00.000Z');
const HELD_END = '2026-11-19T02:50:00.000Z';
/** The end of Sunday 22 Nov, China time: three calendar days after the day it was held. */
const DEADLINE = '2026-11-22T15:59:59.999Z';

let t: TestApp;
let meetingId: string;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
  ({ meetingId } = await insertHeldMeeting(t.deps, { startsAt: HELD, scheduledFor: SCHEDULED, title: '提前召开的议事会', vote: null, actionItems: [] }));
});
afterEach(() => t.close());

const meeting = () => ({ params: { meetingId } });

describe('a meeting held at another time than scheduled', () => {
  it('its minutes read the time it was held, name the scheduled one, and are due three days after it was held', async () => {
    const cookie = await t.login('zhanzhang');
    const generated = await t.ok(minutesEndpoints.generate, { cookie, ...meeting() });
    expect(generated.draft!.header.when).toBe('2026年11月19日（周四） 09:00—10:50（原定 2026年12月9日（周三） 14:30）');
    expect(generated.deadline).toBe(DEADLINE);
    expect(generated.timeLeft?.label['zh-CN']).toBe('还剩 2 天 13 小时');

    const work = await t.ok(minutesEndpoints.work, { cookie, params: { compoundId: dsct } });
    expect(work.items.find((m) => m.meetingId === meetingId)).toMatchObject({ startsAt: HELD.toISOString(), deadline: DEADLINE });

    const published = await t.ok(minutesEndpoints.publish, { cookie, ...meeting(), body: { confirm: true } });
    expect(published.publishedOnTime).toBe(true);
    const board = await t.ok(minutesEndpoints.publicList, { params: { compoundId: dsct } });
    expect(board.items.find((m) => m.meetingId === meetingId)).toMatchObject({ meetingStartsAt: HELD.toISOString(), publishedOnTime: true });
    const stored = await t.deps.db.selectFrom('minutes_versions').select('deadline').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(stored.deadline).toBe(DEADLINE);
  });

  it('the dashboard counts it in the month it was held, and its pending minutes by the held day', async () => {
    const cookie = await t.login('jiedao');
    const { subdistrict_id: id } = await t.deps.db.selectFrom('communities').select('subdistrict_id').where('name', '=', '宜阳社区').executeTakeFirstOrThrow();
    const held = (from: string, to: string) => t.ok(dashboardEndpoints.get, { cookie, query: { scope: 'subdistrict', id, from, to, compoundId: dsct } });
    // The demo's other councils held in November (none of them was moved).
    const others = await t.deps.db
      .selectFrom('meetings')
      .select('id')
      .where('compound_id', '=', dsct)
      .where('kind', '=', 'four_party')
      .where('status', '=', 'closed')
      .where('id', '!=', meetingId)
      .where('starts_at', '>=', '2026-10-31T16:00:00.000Z')
      .where('starts_at', '<', '2026-11-30T16:00:00.000Z')
      .execute();
    const november = await held('2026-11-01', '2026-11-30');
    const december = await held('2026-12-01', '2026-12-31');
    // Held on the 19th: counted in November even though the notice said December.
    expect(december.figures.meetings.fourParty).toBe(0);
    expect(november.figures.meetings.fourParty).toBe(others.length + 1);
    expect(november.months.find((m) => m.month === '2026-11')!.fourParty).toBe(others.length + 1);
    const pending = november.pendingMinutes.find((m) => m.meetingId === meetingId);
    expect(pending).toMatchObject({ startsAt: HELD.toISOString(), deadline: DEADLINE, timeLeft: { overdue: false } });
  });

  it('the public board lists it among recent meetings with the time it was held beside the scheduled one', async () => {
    const board = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    const recent = board.recent.find((m) => m.id === meetingId);
    expect(recent).toMatchObject({ startsAt: SCHEDULED.toISOString(), startedAt: HELD.toISOString(), closedAt: HELD_END });
  });
});
