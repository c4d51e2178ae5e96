import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpointUrl, eveningTalkEndpoints, meetingEndpoints, publicMeetingEndpoints, type MeetingKind } from '@yishi/core';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
const NOW = new Date('2026-11-21T02:00:00Z');
const NEXT_WEEK = '2026-11-28T11:00:00.000Z';
/** 09:00 in China on the meeting's day (within the sessions' 7 idle days of NOW). */
const ON_THE_DAY = new Date('2026-11-28T01:00:00.000Z');
let now = NOW;

beforeEach(async () => {
  now = NOW;
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

/** The error code of a refused call, after checking its status. */
function refusal(answer: { status: number; ok: boolean; error: { code: string; message: string } | null }, status: number) {
  expect(answer.status, JSON.stringify(answer.error)).toBe(status);
  return answer.error!;
}

async function createMeeting(login: string, kind: MeetingKind, title = '停车难议事会') {
  const cookie = await t.login(login);
  const answer = await t.api(meetingEndpoints.create, {
    cookie,
    params: { compoundId: dsct },
    body: { kind, title, startsAt: NEXT_WEEK, place: '都市春天服务站二楼' },
  });
  return { cookie, answer };
}

async function createdMeeting(login: string, kind: MeetingKind, title?: string) {
  const { cookie, answer } = await createMeeting(login, kind, title);
  expect(answer.status, JSON.stringify(answer.error)).toBe(201);
  return { cookie, view: answer.data!, id: answer.data!.meeting.id };
}

const step = (action: 'schedule' | 'start' | 'close', cookie: string, meetingId: string) => t.ok(meetingEndpoints[action], { cookie, params: { meetingId } });
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

    // The list pages newest first, the id breaking ties: every meeting starts at one instant here, so
    // page boundaries fall among equal times; each meeting comes once, the draft only to those who run councils.
    await t.deps.db.updateTable('meetings').set({ starts_at: NEXT_WEEK }).where('compound_id', '=', dsct).execute();
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

describe('evening talk', () => {
  async function scheduledTalk() {
    const { cookie, id } = await createdMeeting('shequ', 'evening_talk', '围庐夜话');
    await step('schedule', cookie, id);
    return { cookie, id };
  }
  const ask = (
    cookie: string,
    meetingId: string,
    body: { text: string; category: 'facilities' | 'environment' | 'safety'; askerName?: string; anonymous?: boolean },
  ) => t.api(eveningTalkEndpoints.submit, { cookie, params: { meetingId }, body });
  const asked = async (cookie: string, meetingId: string, body: Parameters<typeof ask>[2]) => {
    const answer = await ask(cookie, meetingId, body);
    expect(answer.status, JSON.stringify(answer.error)).toBe(201);
    return answer.data!;
  };
  const questionsOf = (cookie: string, meetingId: string) => t.ok(eveningTalkEndpoints.questions, { cookie, params: { meetingId } });

  it('35 questions, 30 answered on the spot, 5 listed → 35 / 30 / 5, each listed one an action item', async () => {
    const { cookie, id } = await scheduledTalk();
    // Residents submit before the talk; staff record the rest from the floor.
    const resident = await t.login('jumin');
    const first = await asked(resident, id, { text: '小区东门路灯坏了一个月', category: 'facilities' });
    expect(first.counts.raised).toBe(1);
    await step('start', cookie, id);
    for (let i = 2; i <= 35; i++) await asked(cookie, id, { text: `问题${i}：垃圾分类点太远`, category: 'environment', askerName: '3栋 李阿姨' });
    const { items: questions } = await questionsOf(cookie, id);
    expect(questions.map((q) => q.number)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    // Pages of 8 in the order raised, each question once, the counts of all 35 on every page.
    const read = await pageThrough<{ id: string; number: number }>((after) =>
      t.call('GET', listUrl(`/meetings/${id}/questions`, { after, limit: 8 }), { cookie }),
    );
    expect(read.pages).toBe(5);
    expect(read.items.map((q) => q.id)).toEqual(questions.map((q) => q.id));
    const lastPage = await t.ok(eveningTalkEndpoints.questions, { cookie, params: { meetingId: id }, query: { limit: 34 } });
    expect(lastPage.counts.raised).toBe(35);
    expect(lastPage.items).toHaveLength(34);
    const rest = await t.ok(eveningTalkEndpoints.questions, { cookie, params: { meetingId: id }, query: { limit: 34, after: lastPage.next! } });
    expect([rest.items.map((q) => q.number), rest.next, rest.counts.raised]).toEqual([[35], null, 35]);
    for (const q of questions.slice(0, 30)) {
      await t.ok(eveningTalkEndpoints.answer, {
        cookie,
        params: { meetingId: id, questionId: q.id },
        body: { answer: '已安排物业本周处理', answeredByName: '物业 吴涛' },
      });
    }
    const listed = [];
    for (const q of questions.slice(30)) {
      listed.push(
        await t.ok(eveningTalkEndpoints.list, {
          cookie,
          params: { meetingId: id, questionId: q.id },
          body: { measures: '五个工作日内整改', responsibleUnit: 'property_manager' },
        }),
      );
    }
    expect(listed.map((l) => l.actionItemId)).toEqual(Array.from({ length: 5 }, () => expect.any(String)));
    expect(listed.at(-1)!.counts).toMatchObject({ raised: 35, answered: 30, listed: 5, open: 0 });
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(view.questionCounts).toMatchObject({ raised: 35, answered: 30, listed: 5 });
    const linked = await t.deps.db
      .selectFrom('meeting_questions')
      .select('action_item_id')
      .where('meeting_id', '=', id)
      .where('status', '=', 'listed')
      .execute();
    expect(linked.every((q) => q.action_item_id !== null)).toBe(true);
    // A handled question cannot be handled twice.
    const twice = await t.api(eveningTalkEndpoints.answer, {
      cookie,
      params: { meetingId: id, questionId: questions[0]!.id },
      body: { answer: 'x', answeredByName: 'y' },
    });
    expect(refusal(twice, 409).code).toBe('question_closed');
  });

  it('two staff handling the same question at the same moment: one succeeds, one is told, one action item', async () => {
    const { cookie, id } = await scheduledTalk();
    await step('start', cookie, id);
    await asked(cookie, id, { text: '地下车库漏水', category: 'facilities' });
    const q = (await questionsOf(cookie, id)).items[0]!;
    const other = await t.login('jiedao');
    const params = { meetingId: id, questionId: q.id };
    const listing = { measures: '五个工作日内整改', responsibleUnit: 'property_manager' };
    const attempts = await Promise.all([
      t.api(eveningTalkEndpoints.list, { cookie, params, body: listing }),
      t.api(eveningTalkEndpoints.list, { cookie: other, params, body: listing }),
      t.api(eveningTalkEndpoints.answer, { cookie: other, params, body: { answer: '已答复', answeredByName: '李红梅' } }),
    ]);
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const items = await t.deps.db.selectFrom('action_items').select('id').where('source_id', '=', q.id).execute();
    const final = await t.deps.db.selectFrom('meeting_questions').select(['status', 'action_item_id']).where('id', '=', q.id).executeTakeFirstOrThrow();
    // Whichever came first won; a listed question has exactly its one action item, an answered one none.
    expect(items.map((i) => i.id)).toEqual(final.status === 'listed' ? [final.action_item_id] : []);
  });

  it('a duplicate merges into the first and is not counted twice; anonymous askers stay anonymous', async () => {
    const { cookie, id } = await scheduledTalk();
    const owner = await t.login('yezhu');
    const a = await asked(owner, id, { text: '电动车充电桩不够', category: 'facilities', anonymous: true });
    const b = await asked(owner, id, { text: '充电桩太少', category: 'facilities' });
    const row = await t.deps.db.selectFrom('meeting_questions').select(['asked_by_user_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.asked_by_user_id).toBeNull();
    await step('start', cookie, id);
    const mergeB = (intoQuestionId: string) =>
      t.api(eveningTalkEndpoints.merge, { cookie, params: { meetingId: id, questionId: b.id }, body: { intoQuestionId } });
    expect(refusal(await mergeB(b.id), 422).code).toBe('question_merge_self');
    expect((await mergeB(a.id)).data?.counts).toMatchObject({ raised: 1, open: 1, merged: 1 });
    // The owner sees the list, but cannot answer; the staff see who asked.
    const seen = await questionsOf(owner, id);
    expect(seen.items[0]).toMatchObject({ anonymous: true, askerName: null });
    expect(seen.items[1]!.askerName).toBe('王*');
    expect((await questionsOf(cookie, id)).items.map((q) => q.askerName)).toEqual([null, '王建国']);
    const answerA = await t.api(eveningTalkEndpoints.answer, {
      cookie: owner,
      params: { meetingId: id, questionId: a.id },
      body: { answer: 'x', answeredByName: 'y' },
    });
    expect(answerA.status).toBe(403);
  });

  it('questions are refused before the notice and after the talk; other compounds cannot ask', async () => {
    const { cookie, id } = await createdMeeting('shequ', 'evening_talk');
    // The form offers the compound's buildings, to anyone with a role there.
    const { buildings } = await t.ok(meetingEndpoints.buildings, { cookie: await t.login('jumin'), params: { meetingId: id } });
    expect(buildings.map((b) => b.name)).toEqual(['1', '2', '3']);
    expect((await t.api(meetingEndpoints.buildings, { cookie: await t.login('cuiyuan'), params: { meetingId: id } })).status).toBe(403);
    const question = { text: '什么时候修电梯', category: 'facilities' } as const;
    expect(refusal(await ask(cookie, id, question), 409).code).toBe('questions_not_open');
    await step('schedule', cookie, id);
    expect((await ask(await t.login('cuiyuan'), id, question)).status).toBe(403);
    await step('start', cookie, id);
    await step('close', cookie, id);
    expect((await ask(await t.login('jumin'), id, question)).status).toBe(409);
  });

  it('the hall screen shows the question in focus and the live counts, without logging in', async () => {
    const { cookie, id } = await scheduledTalk();
    await step('start', cookie, id);
    const q = await asked(cookie, id, { text: '楼道堆放杂物', category: 'safety' });
    const focus = { params: { meetingId: id }, body: { questionId: q.id } };
    await t.ok(meetingEndpoints.setHallFocus, { cookie, ...focus });
    const hall = await t.ok(publicMeetingEndpoints.hall, { params: { meetingId: id } });
    expect(hall.current).toMatchObject({ kind: 'question', number: 1, text: '楼道堆放杂物' });
    expect(hall.questionCounts).toMatchObject({ raised: 1, open: 1 });
    expect((await t.api(meetingEndpoints.setHallFocus, { cookie: await t.login('yezhu'), ...focus })).status).toBe(403);
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
