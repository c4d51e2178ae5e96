/**
 * Meetings are listed by when they were held, not by the time their notice gave: the public board's
 * recent meetings (最近开过的会) and the staff's meetings list, page after page.
 */
import { meetingEndpoints, publicMeetingEndpoints, type MeetingSummary } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// "Now" is Tuesday 8 Dec 2026, 10:00 China time. Three meetings were held on the evening of 7 Dec,
// each at another time than its notice said.
const NOW = new Date('2026-12-08T02:00:00.000Z');

let t: TestApp;
let dsct: string;
let ids: { first: string; second: string; third: string };
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
  const held = async (startsAt: string, scheduledFor: string, title: string) =>
    (await insertHeldMeeting(t.deps, { startsAt: new Date(startsAt), scheduledFor: new Date(scheduledFor), title, vote: null, actionItems: [] })).meetingId;
  ids = {
    // Held 7 Dec 18:56, its notice said 20 Dec.
    first: await held('2026-12-07T10:56:00.000Z', '2026-12-20T06:30:00.000Z', '延后通知的议事会'),
    // Held 7 Dec 19:04, its notice said 6 Dec.
    second: await held('2026-12-07T11:04:00.000Z', '2026-12-06T11:00:00.000Z', '推迟召开的议事会'),
    // Held 8 Dec 00:45 (it ran late), its notice said 1 Dec.
    third: await held('2026-12-07T16:45:00.000Z', '2026-12-01T11:00:00.000Z', '深夜续开的议事会'),
  };
});
afterEach(() => t.close());

const heldAt = (m: Pick<MeetingSummary, 'startsAt' | 'startedAt'>) => m.startedAt ?? m.startsAt;

describe('meetings in the order they were held', () => {
  it('the public board lists the recent meetings newest held first', async () => {
    const board = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    expect(board.recent.slice(0, 3).map((m) => m.id)).toEqual([ids.third, ids.second, ids.first]);
    const times = board.recent.map(heldAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('the staff list pages through every meeting newest held first, none lost or repeated', async () => {
    const cookie = await t.login('zhanzhang');
    const seen: MeetingSummary[] = [];
    let after: string | undefined;
    do {
      const page = await t.ok(meetingEndpoints.list, { cookie, params: { compoundId: dsct }, query: { limit: 2, ...(after ? { after } : {}) } });
      seen.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    const { items: all } = await t.ok(meetingEndpoints.list, { cookie, params: { compoundId: dsct }, query: { limit: 100 } });
    expect(seen.map((m) => m.id)).toEqual(all.map((m) => m.id));
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    const times = seen.map(heldAt);
    expect(times).toEqual([...times].sort().reverse());
    const ours = seen.map((m) => m.id).filter((id) => Object.values(ids).includes(id));
    expect(ours).toEqual([ids.third, ids.second, ids.first]);
  });
});
