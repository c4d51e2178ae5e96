/**
 * Who came to an evening talk: nobody signs in one by one, so the worker notes the cadres and
 * department staff present by name (attendance rows, present when noted) and counts the residents in
 * the room. The meeting view shows both, the minutes' 参会人员 says them, and a bad count is refused
 * in words under `residents`.
 */
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingApi, refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;

beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const { createdMeeting, step } = meetingApi(
  () => t,
  () => dsct,
);

const note = (cookie: string, meetingId: string, name: string, organisation: string) =>
  t.api(meetingEndpoints.addAttendee, { cookie, params: { meetingId }, body: { name, organisation } });
const count = (cookie: string, meetingId: string, residents: number | null) =>
  t.api(meetingEndpoints.setResidentCount, { cookie, params: { meetingId }, body: { residents } });

describe("an evening talk's attendance", () => {
  it('notes two cadres and 40 residents; the view and the minutes say them', async () => {
    const { cookie, id, view } = await createdMeeting('shequ', 'evening_talk', '围庐夜话');
    expect(view.residentCount).toBeNull();
    expect(view.permissions.attendance).toBe(true);
    await step('schedule', cookie, id);
    // Before the talk's day: refused with the day, nothing noted.
    const early = refusal(await count(cookie, id, 40), 409);
    expect(early.code).toBe('meeting_attendance_not_yet');
    expect(early.message).toContain('2026-11-28');
    await step('start', cookie, id);

    expect((await note(cookie, id, '李明', '社区居委会')).status).toBe(201);
    // The station's deputy edits the talk's agenda: he notes who came too.
    const fuzhan = await t.login('fuzhan');
    expect((await note(fuzhan, id, '王芳', '服务站')).status).toBe(201);
    // The same cadre noted again (a second tap, a trailing space): refused in words, noted once.
    const twice = refusal(await note(cookie, id, '李明 ', '社区居委会'), 409);
    expect(twice.code).toBe('attendee_already_noted');
    expect(twice.message).toBe('李明 已经登记到场了，不用再登记');
    const mistake = (await note(cookie, id, '王小二', '')).data!;
    const wrong = mistake.attendance.find((a) => a.name === '王小二')!;
    const fixed = await t.ok(meetingEndpoints.removeAttendee, { cookie, params: { meetingId: id, attendanceId: wrong.id } });
    expect(fixed.attendance.map((a) => [a.name, a.organisation, a.invited, a.signedInAt !== null])).toEqual([
      ['李明', '社区居委会', false, true],
      ['王芳', '服务站', false, true],
    ]);
    const counted = (await count(cookie, id, 40)).data!;
    expect(counted.residentCount).toBe(40);
    expect((await t.ok(meetingEndpoints.get, { cookie: await t.login('jumin'), params: { meetingId: id } })).residentCount).toBe(40);

    await step('close', cookie, id);
    const minutes = await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId: id } });
    expect(minutes.draft!.body).toContain('## 一、参会人员\n\n干部和工作人员：李明（社区居委会）、王芳（服务站）；居民群众约 40 人参加。');
    expect(minutes.draft!.body).not.toContain('未逐一签到登记');

    // Counted again after the talk closed: the count is the last one given.
    expect((await count(cookie, id, 42)).data!.residentCount).toBe(42);
    const again = await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId: id } });
    expect(again.draft!.body).toContain('居民群众约 42 人参加。');
  });

  it('refuses a count that is not 0 or a whole number, in words under the field, and keeps the last count', async () => {
    const { cookie, id } = await createdMeeting('shequ', 'evening_talk', '围庐夜话');
    await step('schedule', cookie, id);
    await step('start', cookie, id);
    await count(cookie, id, 40);
    for (const residents of [-3, 2.5, 'abc', '40']) {
      const bad = await t.call('PUT', `/api/meetings/${id}/resident-count`, { cookie, json: { residents } });
      expect(bad.status, String(residents)).toBe(400);
      const body = (await bad.json()) as { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details).toEqual([{ path: 'residents', message: '到场居民人数请填写 0 或正整数（如 40）' }]);
    }
    const tooMany = refusal(await count(cookie, id, 10_000), 400);
    expect(tooMany.message).toContain('到场居民人数最多填写 9999');
    const noName = refusal(await note(cookie, id, '  ', '服务站'), 400);
    expect(noName.message).toContain('请填写姓名');
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect([view.residentCount, view.attendance]).toEqual([40, []]);
    // Not counted after all: null, which the minutes say as not signed in one by one.
    expect((await count(cookie, id, null)).data!.residentCount).toBeNull();
  });

  it('is noted by those who run the talk or edit its agenda, only at a talk, and not once it is cancelled', async () => {
    const { cookie, id } = await createdMeeting('shequ', 'evening_talk', '围庐夜话');
    await step('schedule', cookie, id);
    await step('start', cookie, id);
    for (const login of ['loudong', 'jumin']) {
      expect((await count(await t.login(login), id, 40)).status, login).toBe(403);
      expect((await note(await t.login(login), id, '李明', '社区居委会')).status, login).toBe(403);
    }
    const grid = await t.ok(meetingEndpoints.get, { cookie: await t.login('loudong'), params: { meetingId: id } });
    expect(grid.permissions.attendance).toBe(false);

    // A council signs its invited in: no residents' count, and an invitee is not taken back.
    const council = await createdMeeting('zhanzhang', 'four_party');
    expect(council.view.residentCount).toBeNull();
    expect(council.view.permissions.attendance).toBe(false);
    expect(refusal(await count(council.cookie, council.id, 40), 422).code).toBe('meeting_wrong_kind');
    const invitee = council.view.attendance[0]!.id;
    const keep = await t.api(meetingEndpoints.removeAttendee, { cookie: council.cookie, params: { meetingId: council.id, attendanceId: invitee } });
    expect(refusal(keep, 422).code).toBe('meeting_wrong_kind');

    const other = await createdMeeting('shequ', 'evening_talk', '取消的夜谈');
    await step('schedule', other.cookie, other.id);
    await t.ok(meetingEndpoints.cancel, { cookie: other.cookie, params: { meetingId: other.id } });
    expect(refusal(await count(other.cookie, other.id, 40), 409).code).toBe('meeting_bad_transition');
  });
});
