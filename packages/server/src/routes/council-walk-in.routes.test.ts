/**
 * A council's attendee who came without an invitation: the station chief sitting for the community,
 * a department official who turned up on the night. Whoever runs the council adds them with their
 * party and signs them in at once (`present`), so the quorum counts their party; before the meeting's
 * day only an invitation is possible, and the same person twice is refused in words.
 */
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingApi, refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
const NOW = new Date('2026-11-21T02:00:00Z');
/** 09:00 in China on the meeting's day. */
const ON_THE_DAY = new Date('2026-11-28T01:00:00.000Z');
let now = NOW;

beforeEach(async () => {
  now = NOW;
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const { createdMeeting, step } = meetingApi(
  () => t,
  () => dsct,
);

const add = (
  cookie: string,
  meetingId: string,
  body: { name: string; party: 'community' | 'department' | 'property_manager'; organisation?: string; present?: boolean },
) => t.api(meetingEndpoints.addAttendee, { cookie, params: { meetingId }, body });

describe("a council's attendee who came without an invitation", () => {
  it('is signed in at once with their party, and the quorum and the minutes count them', async () => {
    const { cookie, view: created, id } = await createdMeeting('jiedao', 'four_party');
    await step('schedule', cookie, id);
    // Before the meeting's day: signed in at once is refused with the day; invited is fine.
    const early = refusal(await add(cookie, id, { name: '赵刚', party: 'department', organisation: '区城管局', present: true }), 409);
    expect(early.code).toBe('meeting_sign_in_not_yet');
    expect(early.message).toContain('2026-11-28');
    expect((await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } })).attendance.some((a) => a.name === '赵刚')).toBe(false);

    // On the night the property company's representative does not come; the other three parties sign in.
    now = ON_THE_DAY;
    for (const a of created.attendance.filter((x) => x.party !== 'property_manager'))
      await t.ok(meetingEndpoints.signIn, { cookie, params: { meetingId: id, attendanceId: a.id }, body: {} });
    const short = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(short.quorum).toMatchObject({ reached: false, missing: ['property_manager'] });

    // The property company sends its project manager instead, who was never granted: added and signed in.
    const answer = await add(cookie, id, { name: '孙经理', party: 'property_manager', organisation: '万家物业', present: true });
    expect(answer.status, JSON.stringify(answer.error)).toBe(201);
    const view = answer.data!;
    const walkIn = view.attendance.find((a) => a.name === '孙经理')!;
    expect(walkIn).toMatchObject({ party: 'property_manager', organisation: '万家物业', invited: true });
    expect(walkIn.signedInAt).toBe(ON_THE_DAY.toISOString());
    expect(view.quorum).toMatchObject({ reached: true, missing: [] });

    // A second tap, or the same person again: refused in words, on the list once.
    const twice = refusal(await add(cookie, id, { name: '孙经理 ', party: 'property_manager', organisation: '万家物业', present: true }), 409);
    expect(twice.code).toBe('attendee_already_invited');
    expect(twice.message).toBe('孙经理 已经在参会名单上了，请在名单里点“签到”');
    const after = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(after.attendance.filter((a) => a.name === '孙经理')).toHaveLength(1);

    // Invited without `present` on the day: on the list, not signed in.
    const invited = (await add(cookie, id, { name: '赵刚', party: 'department', organisation: '区城管局' })).data!;
    expect(invited.attendance.find((a) => a.name === '赵刚')!.signedInAt).toBeNull();

    await step('start', cookie, id);
    await step('close', cookie, id);
    const minutes = await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId: id } });
    expect(minutes.draft!.body).toContain('孙经理');
  });

  it('may be added only by whoever runs the council', async () => {
    const { cookie, id } = await createdMeeting('jiedao', 'four_party');
    await step('schedule', cookie, id);
    now = ON_THE_DAY;
    const owner = await t.login('yezhu');
    expect((await add(owner, id, { name: '孙经理', party: 'property_manager', present: true })).status).toBe(403);
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(view.attendance.some((a) => a.name === '孙经理')).toBe(false);
  });
});
