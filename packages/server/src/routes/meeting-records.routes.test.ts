/**
 * A meeting already held, entered afterwards (补录): the community worker who ran last night's evening
 * talk on paper, or a council held before anyone opened Yishi. Its start is in the past (ticked as a
 * record, within 60 days), no notice goes out, its session's times are the ones entered, and everything
 * after it (attendance, outcomes, questions, minutes) works as for any meeting.
 */
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
/** Tuesday 2026-12-08, 10:00 in China. */
const NOW = new Date('2026-12-08T02:00:00Z');
/** Last night, 19:30 in China. */
const LAST_NIGHT = '2026-12-07T11:30:00.000Z';

beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const create = (cookie: string, body: { kind: 'four_party' | 'evening_talk'; startsAt: string; recorded?: boolean; durationMinutes?: number }) =>
  t.api(meetingEndpoints.create, { cookie, params: { compoundId: dsct }, body: { title: '东门路灯夜谈', place: '都市春天服务站', ...body } });

const eventsAbout = (meetingId: string) => t.deps.db.selectFrom('notification_events').select(['kind']).where('subject_id', '=', meetingId).execute();

describe('a meeting already held, entered afterwards', () => {
  it('is refused without the box ticked, in words that point to it', async () => {
    const cookie = await t.login('shequ');
    const past = refusal(await create(cookie, { kind: 'evening_talk', startsAt: LAST_NIGHT }), 422);
    expect(past.code).toBe('meeting_starts_in_past');
    expect(past.message).toContain('补录已开过的会议');
  });

  it('sends no notice, is held at the times entered, and its attendance and minutes follow', async () => {
    const cookie = await t.login('jiedao');
    const answer = await create(cookie, { kind: 'four_party', startsAt: LAST_NIGHT, durationMinutes: 90, recorded: true });
    expect(answer.status, JSON.stringify(answer.error)).toBe(201);
    const id = answer.data!.meeting.id;
    expect(answer.data!.meeting).toMatchObject({ recorded: true, status: 'draft', startsAt: LAST_NIGHT });

    // No notice to publish (nor to cancel): the recording opens from the draft.
    const notice = refusal(await t.api(meetingEndpoints.schedule, { cookie, params: { meetingId: id } }), 409);
    expect(notice.code).toBe('meeting_recorded_no_notice');
    expect(notice.message).toContain('补录');
    const started = await t.ok(meetingEndpoints.start, { cookie, params: { meetingId: id } });
    expect(started.meeting).toMatchObject({ status: 'in_session', startedAt: LAST_NIGHT });

    // Those who came are signed in as of when the meeting began, not this morning.
    const first = started.attendance[0]!;
    const signed = await t.ok(meetingEndpoints.signIn, { cookie, params: { meetingId: id, attendanceId: first.id }, body: {} });
    expect(signed.attendance.find((a) => a.id === first.id)!.signedInAt).toBe(LAST_NIGHT);
    const walkIn = await t.ok(meetingEndpoints.addAttendee, {
      cookie,
      params: { meetingId: id },
      body: { name: '孙经理', party: 'property_manager', organisation: '万家物业', present: true },
    });
    expect(walkIn.attendance.find((a) => a.name === '孙经理')!.signedInAt).toBe(LAST_NIGHT);

    // Closed at its end as entered: 19:30 plus 90 minutes.
    const closed = await t.ok(meetingEndpoints.close, { cookie, params: { meetingId: id } });
    expect(closed.meeting).toMatchObject({ status: 'closed', closedAt: '2026-12-07T13:00:00.000Z', recorded: true });
    expect(await eventsAbout(id)).toEqual([]);

    // The minutes' header says when it was held.
    const minutes = await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId: id } });
    expect(minutes.draft!.body).toContain('孙经理');
    expect(minutes.draft!.header.when).toMatch(/^2026年12月7日.*19:30—21:00/);
  });

  it('is refused for a time still to come, or further back than 60 days', async () => {
    const cookie = await t.login('shequ');
    const future = refusal(await create(cookie, { kind: 'evening_talk', startsAt: '2026-12-09T11:30:00.000Z', recorded: true }), 422);
    expect(future.code).toBe('meeting_recorded_in_future');
    expect(future.message).toContain('发布通知');
    const old = refusal(await create(cookie, { kind: 'evening_talk', startsAt: '2026-10-01T11:30:00.000Z', recorded: true }), 422);
    expect(old.code).toBe('meeting_recorded_too_old');
    expect(old.message).toBe('只能补录 60 天内开过的会议');
  });

  it('keeps its start in the past when its details are corrected', async () => {
    const cookie = await t.login('shequ');
    const id = (await create(cookie, { kind: 'evening_talk', startsAt: LAST_NIGHT, recorded: true })).data!.meeting.id;
    const earlier = await t.ok(meetingEndpoints.update, { cookie, params: { meetingId: id }, body: { startsAt: '2026-12-06T11:30:00.000Z' } });
    expect(earlier.meeting.startsAt).toBe('2026-12-06T11:30:00.000Z');
    const later = refusal(await t.api(meetingEndpoints.update, { cookie, params: { meetingId: id }, body: { startsAt: '2026-12-10T11:30:00.000Z' } }), 422);
    expect(later.code).toBe('meeting_recorded_in_future');
  });

  it('closes now when closed before its entered end has come', async () => {
    const cookie = await t.login('shequ');
    // Began half an hour ago and still going: entered now, closed now.
    const id = (await create(cookie, { kind: 'evening_talk', startsAt: '2026-12-08T01:30:00.000Z', recorded: true })).data!.meeting.id;
    await t.ok(meetingEndpoints.start, { cookie, params: { meetingId: id } });
    const closed = await t.ok(meetingEndpoints.close, { cookie, params: { meetingId: id } });
    expect(closed.meeting.closedAt).toBe(NOW.toISOString());
  });
});
