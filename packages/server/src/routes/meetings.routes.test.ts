import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpointUrl, meetingEndpoints, publicMeetingEndpoints } from '@yishi/core';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { meetingApi, NEXT_WEEK, refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
const NOW = new Date('2026-11-21T02:00:00Z');
/** 09:00 in China on the meeting's day (within the sessions' 7 idle days of NOW). */
const ON_THE_DAY = new Date('2026-11-28T01:00:00.000Z');
let now = NOW;

beforeEach(async () => {
  now = NOW;
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const { createMeeting, createdMeeting, step } = meetingApi(
  () => t,
  () => dsct,
);
/** On the meeting's day (sign-in opens then), everyone in `attendance` signed in. */
const signInAll = async (cookie: string, meetingId: string, attendance: Array<{ id: string }>) => {
  now = ON_THE_DAY;
  for (const a of attendance) await t.ok(meetingEndpoints.signIn, { cookie, params: { meetingId, attendanceId: a.id }, body: {} });
};

/** Writes an agenda document the way the live editor would, with two items. */
async function seedAgenda(meetingId: string) {
  await storeSampleAgenda(t.deps.db, meetingId, NOW, '说明');
}

describe('four-party council lifecycle', () => {
  it('is created as a draft with the four parties invited, then scheduled, opened (agenda frozen) and closed', async () => {
    const { cookie, view: created, id } = await createdMeeting('jiedao', 'four_party');
    expect(created.meeting.status).toBe('draft');
    // Every representative: the owners' committee's are its five members.
    expect(created.attendance.map((a) => a.party).sort()).toEqual([
      'community',
      'department',
      'department',
      ...Array<string>(5).fill('owners_committee'),
      'property_manager',
    ]);
    expect(created.quorum).toMatchObject({ reached: false, rule: 'all_parties' });

    await seedAgenda(id);
    // A draft is not on the public board; a scheduled meeting is, with its topics.
    const before = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    expect(before.items.map((m) => m.id)).not.toContain(id);
    expect((await step('schedule', cookie, id)).meeting.status).toBe('scheduled');
    const board = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    expect(board.items.find((m) => m.id === id)).toMatchObject({ id, place: '都市春天服务站二楼', topics: ['地下车库停车位', '路灯维修'] });

    // Sign in every party → quorum.
    await signInAll(cookie, id, created.attendance);
    const started = await step('start', cookie, id);
    expect(started.meeting.status).toBe('in_session');
    expect(started.meeting.agendaFrozenAt).not.toBeNull();
    expect(started.quorum?.reached).toBe(true);
    expect(started.agendaItems.map((i) => [i.position, i.title, i.docItemId])).toEqual([
      [1, '地下车库停车位', 'item0'],
      [2, '路灯维修', 'item1'],
    ]);

    // Outcomes: agreed by three parties; turned into an action item.
    const [parking, lights] = started.agendaItems;
    const outcome = (
      itemId: string,
      body: {
        outcome: 'agreed' | 'action_items';
        agreedParties?: Array<'community' | 'owners_committee' | 'property_manager'>;
        note?: string;
        responsibleUnit?: string;
      },
    ) => t.api(meetingEndpoints.recordOutcome, { cookie, params: { meetingId: id, itemId }, body });
    const agreed = await t.ok(meetingEndpoints.recordOutcome, {
      cookie,
      params: { meetingId: id, itemId: parking!.id },
      body: { outcome: 'agreed', agreedParties: ['community', 'owners_committee', 'property_manager'], note: '物业增划车位' },
    });
    expect(agreed.item).toMatchObject({ outcome: 'agreed', agreedParties: ['community', 'owners_committee', 'property_manager'] });
    const actions = await t.ok(meetingEndpoints.recordOutcome, {
      cookie,
      params: { meetingId: id, itemId: lights!.id },
      body: { outcome: 'action_items', note: '城管局两周内修复', responsibleUnit: '区城市管理局' },
    });
    expect(actions.item.actionItemId).toEqual(expect.any(String));
    const ai = await t.deps.db.selectFrom('action_items').selectAll().where('id', '=', actions.item.actionItemId!).executeTakeFirstOrThrow();
    expect(ai.title).toBe('路灯维修');
    // "agreed" without parties is refused.
    refusal(await outcome(parking!.id, { outcome: 'agreed' }), 400);
    // An action item needs who handles it; once listed (on the append-only ledger), the outcome stays.
    expect(refusal(await outcome(parking!.id, { outcome: 'action_items', note: '划线' }), 422)).toMatchObject({
      code: 'outcome_needs_unit',
      message: '请填写责任单位：整改事项列入台账后要由它办理和销号',
    });
    expect(refusal(await outcome(lights!.id, { outcome: 'agreed', agreedParties: ['community'] }), 409).code).toBe('outcome_listed');
    const renoted = await t.ok(meetingEndpoints.recordOutcome, {
      cookie,
      params: { meetingId: id, itemId: lights!.id },
      body: { outcome: 'action_items', note: '城管局十天内修复' },
    });
    expect(renoted.item).toMatchObject({ outcome: 'action_items', outcomeNote: '城管局十天内修复', actionItemId: actions.item.actionItemId });

    expect((await step('close', cookie, id)).meeting.status).toBe('closed');
    // Closed is the end.
    expect(refusal(await t.api(meetingEndpoints.close, { cookie, params: { meetingId: id } }), 409).code).toBe('meeting_bad_transition');
  });

  it('signs nobody in before the meeting’s day, and says when sign-in opens', async () => {
    const { cookie, view: created, id } = await createdMeeting('jiedao', 'four_party');
    await step('schedule', cookie, id);
    const params = { meetingId: id, attendanceId: created.attendance[0]!.id };
    // 23:59 in China the evening before: refused, with the day in words.
    now = new Date('2026-11-27T15:59:00.000Z');
    const early = refusal(await t.api(meetingEndpoints.signIn, { cookie, params, body: {} }), 409);
    expect(early).toMatchObject({ code: 'meeting_sign_in_not_yet', message: '会议当天（2026-11-28）才能签到' });
    now = new Date('2026-11-27T16:00:00.000Z');
    const signed = await t.ok(meetingEndpoints.signIn, { cookie, params, body: {} });
    expect(signed.attendance[0]!.signedInAt).toBe('2026-11-27T16:00:00.000Z');
  });

  it('a quorum short of one party says which party is missing', async () => {
    const { cookie, view: created, id } = await createdMeeting('jiedao', 'four_party');
    await step('schedule', cookie, id);
    await signInAll(
      cookie,
      id,
      created.attendance.filter((x) => x.party !== 'property_manager'),
    );
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(view.quorum).toMatchObject({ reached: false, missing: ['property_manager'] });
  });

  it('the subdistrict committee relaxes a compound’s quorum to three parties including the community', async () => {
    const { cookie, view: created, id } = await createdMeeting('jiedao', 'four_party');
    await step('schedule', cookie, id);
    await signInAll(
      cookie,
      id,
      created.attendance.filter((x) => x.party !== 'property_manager'),
    );
    const settings = { params: { compoundId: dsct }, body: { quorumRule: 'three_parties' } } as const;
    refusal(await t.api(meetingEndpoints.settings, { cookie: await t.login('zhanzhang'), ...settings }), 403);
    expect(await t.ok(meetingEndpoints.settings, { cookie, ...settings })).toEqual({ quorumRule: 'three_parties' });
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(view.quorum).toMatchObject({ rule: 'three_parties', reached: true, missing: ['property_manager'] });
  });

  it('only the convening side runs a council; others are refused', async () => {
    // Community staff run evening talks, not councils; owners run nothing.
    for (const login of ['shequ', 'yezhu', 'cuiyuan']) expect((await createMeeting(login, 'four_party')).answer.status, login).toBe(403);
    const { id } = await createdMeeting('zhanzhang', 'four_party');
    const params = { meetingId: id };
    for (const login of ['wuye', 'yeweihui', 'loudong', 'yezhu']) {
      expect((await t.api(meetingEndpoints.schedule, { cookie: await t.login(login), params })).status, login).toBe(403);
    }
    expect((await t.api(meetingEndpoints.schedule, { params })).status).toBe(401);
    // Staff of another compound do not even see it.
    expect((await t.api(meetingEndpoints.get, { cookie: await t.login('cuiyuan'), params })).status).toBe(403);
    // Owners do not see drafts.
    expect((await t.api(meetingEndpoints.get, { cookie: await t.login('yezhu'), params })).status).toBe(404);

    // The list pages newest held first, the id breaking ties: every meeting is held (or, not started yet,
    // scheduled) at one instant here, so page boundaries fall among equal times; each meeting comes once,
    // the draft only to those who run councils.
    await t.deps.db.updateTable('meetings').set({ starts_at: NEXT_WEEK }).where('compound_id', '=', dsct).execute();
    await t.deps.db.updateTable('meetings').set({ started_at: NEXT_WEEK }).where('compound_id', '=', dsct).where('started_at', 'is not', null).execute();
    const all = await t.deps.db.selectFrom('meetings').select(['id', 'status']).where('compound_id', '=', dsct).orderBy('id', 'desc').execute();
    expect(all.length).toBeGreaterThan(4);
    const path = `/compounds/${dsct}/meetings`;
    for (const [login, visible] of [
      ['zhanzhang', all],
      ['yezhu', all.filter((m) => m.status !== 'draft' && m.status !== 'cancelled')],
    ] as const) {
      const cookie = await t.login(login);
      const read = await pageThrough<{ id: string }>((after) => t.call('GET', listUrl(path, { after, limit: 2 }), { cookie }));
      expect(read.statuses.every((s) => s === 200)).toBe(true);
      expect(repeated(read.items.map((m) => m.id))).toEqual([]);
      expect(
        read.items.map((m) => m.id),
        login,
      ).toEqual(visible.map((m) => m.id));
      expect(read.pages).toBe(Math.ceil(visible.length / 2));
    }
    expect(all.some((m) => m.id === id)).toBe(true);
    // The board's upcoming meetings page soonest first, the id breaking ties (all at one instant here).
    const upcoming = all.filter((m) => ['scheduled', 'in_session', 'cancelled'].includes(m.status)).reverse();
    expect(upcoming.length).toBeGreaterThan(1);
    const board = await pageThrough<{ id: string }>((after) => t.call('GET', listUrl(`/public/compounds/${dsct}/meetings`, { after, limit: 1 })));
    expect([board.items.map((m) => m.id), board.pages]).toEqual([upcoming.map((m) => m.id), upcoming.length]);
    expect((await t.call('GET', listUrl(path, { after: 'not-a-cursor!' }), { cookie: await t.login('yezhu') })).status).toBe(400);
  });

  it('steps out of order are refused with the current status', async () => {
    const { cookie, id } = await createdMeeting('jiedao', 'four_party');
    const early = await t.api(meetingEndpoints.start, { cookie, params: { meetingId: id }, headers: { 'accept-language': 'en' } });
    // Codes are shown in words: "The meeting is "Draft"; you cannot start the meeting now".
    expect(refusal(early, 409).message).toBe('The meeting is "Draft"; you cannot start the meeting now');
    const past = await t.api(meetingEndpoints.create, {
      cookie,
      params: { compoundId: dsct },
      body: { kind: 'four_party', title: 'x', startsAt: '2020-01-01T00:00:00Z', place: 'p' },
    });
    expect(refusal(past, 422).code).toBe('meeting_starts_in_past');
  });

  it('the convener reopens a frozen agenda and re-freezing keeps item ids', async () => {
    const { cookie, id } = await createdMeeting('jiedao', 'four_party');
    const params = { meetingId: id };
    await seedAgenda(id);
    await step('schedule', cookie, id);
    const started = await step('start', cookie, id);
    const ids = started.agendaItems.map((i) => i.id);
    expect((await t.api(meetingEndpoints.reopenAgenda, { cookie: await t.login('zhujian'), params })).status).toBe(403);
    expect((await t.ok(meetingEndpoints.reopenAgenda, { cookie, params })).meeting.agendaFrozenAt).toBeNull();
    const refrozen = await t.ok(meetingEndpoints.freezeAgenda, { cookie, params });
    expect(refrozen.agendaItems.map((i) => i.id)).toEqual(ids);
  });
});

describe('iCalendar feed', () => {
  it('lists scheduled meetings as text/calendar with CRLF lines and escaped text', async () => {
    const { cookie, id } = await createdMeeting('jiedao', 'four_party', '停车难, 充电桩; 议事会');
    await createdMeeting('jiedao', 'four_party', '草稿不出现');
    await step('schedule', cookie, id);
    // A file, not JSON: read as the calendar app does.
    const ics = await t.call('GET', endpointUrl(publicMeetingEndpoints.calendar, { params: { compoundId: dsct } }));
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain(`UID:${id}@yishi\r\n`);
    expect(text).toContain('SUMMARY:四方共治议事会：停车难\\, 充电桩\\; 议事会\r\n');
    expect(text).toContain('DTSTART:20261128T110000Z\r\n');
    expect(text).not.toContain('草稿不出现');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
