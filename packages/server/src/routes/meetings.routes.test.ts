import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
const NOW = new Date('2026-11-21T02:00:00Z');
const NEXT_WEEK = '2026-11-28T11:00:00.000Z';

beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

async function json<T = any>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

async function createMeeting(login: string, kind: 'four_party' | 'evening_talk', title = '停车难议事会') {
  const cookie = await t.login(login);
  const res = await t.call('POST', `/api/compounds/${dsct}/meetings`, { cookie, json: { kind, title, startsAt: NEXT_WEEK, place: '都市春天服务站二楼' } });
  return { cookie, res };
}

/** Writes an agenda document the way the live editor would, with two items. */
async function seedAgenda(meetingId: string) {
  await storeSampleAgenda(t.deps.db, meetingId, NOW, '说明');
}

describe('four-party council lifecycle', () => {
  it('is created as a draft with the four parties invited, then scheduled, opened (agenda frozen) and closed', async () => {
    const { cookie, res } = await createMeeting('jiedao', 'four_party');
    const created = await json(res, 201);
    const id = created.meeting.id as string;
    expect(created.meeting.status).toBe('draft');
    expect(created.attendance.map((a: any) => a.party).sort()).toEqual(['community', 'department', 'department', 'owners_committee', 'property_manager']);
    expect(created.quorum).toMatchObject({ reached: false, rule: 'all_parties' });

    await seedAgenda(id);
    // A draft is not on the public board; a scheduled meeting is, with its topics.
    const before = await json(await t.call('GET', `/api/public/compounds/${dsct}/meetings`), 200);
    expect(before.upcoming.map((m: any) => m.id)).not.toContain(id);
    expect((await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200)).meeting.status).toBe('scheduled');
    const board = await json(await t.call('GET', `/api/public/compounds/${dsct}/meetings`), 200);
    expect(board.upcoming.find((m: any) => m.id === id)).toMatchObject({ id, place: '都市春天服务站二楼', topics: ['地下车库停车位', '路灯维修'] });

    // Sign in every party → quorum.
    for (const a of created.attendance) await json(await t.call('POST', `/api/meetings/${id}/attendance/${a.id}/sign-in`, { cookie, json: {} }), 200);
    const started = await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    expect(started.meeting.status).toBe('in_session');
    expect(started.meeting.agendaFrozenAt).not.toBeNull();
    expect(started.quorum.reached).toBe(true);
    expect(started.agendaItems.map((i: any) => [i.position, i.title, i.docItemId])).toEqual([
      [1, '地下车库停车位', 'item0'],
      [2, '路灯维修', 'item1'],
    ]);

    // Outcomes: agreed by three parties; turned into an action item.
    const [parking, lights] = started.agendaItems;
    const agreed = await json(await t.call('PUT', `/api/meetings/${id}/agenda-items/${parking.id}/outcome`, { cookie, json: { outcome: 'agreed', agreedParties: ['community', 'owners_committee', 'property_manager'], note: '物业增划车位' } }), 200);
    expect(agreed.item).toMatchObject({ outcome: 'agreed', agreedParties: ['community', 'owners_committee', 'property_manager'] });
    const actions = await json(await t.call('PUT', `/api/meetings/${id}/agenda-items/${lights.id}/outcome`, { cookie, json: { outcome: 'action_items', note: '城管局两周内修复', responsibleUnit: '区城市管理局' } }), 200);
    expect(actions.item.actionItemId).toEqual(expect.any(String));
    const ai = await t.deps.db.selectFrom('action_items').selectAll().where('id', '=', actions.item.actionItemId).executeTakeFirstOrThrow();
    expect(ai.title).toBe('路灯维修');
    // "agreed" without parties is refused.
    await json(await t.call('PUT', `/api/meetings/${id}/agenda-items/${parking.id}/outcome`, { cookie, json: { outcome: 'agreed' } }), 400);

    expect((await json(await t.call('POST', `/api/meetings/${id}/close`, { cookie }), 200)).meeting.status).toBe('closed');
    // Closed is the end.
    const again = await json(await t.call('POST', `/api/meetings/${id}/close`, { cookie }), 409);
    expect(again.error.code).toBe('meeting_bad_transition');
  });

  it('a quorum short of one party says which party is missing', async () => {
    const { cookie, res } = await createMeeting('jiedao', 'four_party');
    const created = await json(res, 201);
    const id = created.meeting.id as string;
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    for (const a of created.attendance.filter((x: any) => x.party !== 'property_manager')) {
      await json(await t.call('POST', `/api/meetings/${id}/attendance/${a.id}/sign-in`, { cookie, json: {} }), 200);
    }
    const view = await json(await t.call('GET', `/api/meetings/${id}`, { cookie }), 200);
    expect(view.quorum).toMatchObject({ reached: false, missing: ['property_manager'] });
  });

  it('the subdistrict committee relaxes a compound’s quorum to three parties including the community', async () => {
    const { cookie, res } = await createMeeting('jiedao', 'four_party');
    const created = await json(res, 201);
    const id = created.meeting.id as string;
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    for (const a of created.attendance.filter((x: any) => x.party !== 'property_manager')) {
      await json(await t.call('POST', `/api/meetings/${id}/attendance/${a.id}/sign-in`, { cookie, json: {} }), 200);
    }
    expect((await t.call('PUT', `/api/compounds/${dsct}/meeting-settings`, { cookie: await t.login('zhanzhang'), json: { quorumRule: 'three_parties' } })).status).toBe(403);
    await json(await t.call('PUT', `/api/compounds/${dsct}/meeting-settings`, { cookie, json: { quorumRule: 'three_parties' } }), 200);
    const view = await json(await t.call('GET', `/api/meetings/${id}`, { cookie }), 200);
    expect(view.quorum).toMatchObject({ rule: 'three_parties', reached: true, missing: ['property_manager'] });
  });

  it('only the convening side runs a council; others are refused', async () => {
    // Community staff run evening talks, not councils; owners run nothing.
    expect((await createMeeting('shequ', 'four_party')).res.status).toBe(403);
    expect((await createMeeting('yezhu', 'four_party')).res.status).toBe(403);
    expect((await createMeeting('cuiyuan', 'four_party')).res.status).toBe(403);
    const { res } = await createMeeting('zhanzhang', 'four_party');
    const id = (await json(res, 201)).meeting.id as string;
    for (const login of ['wuye', 'yeweihui', 'loudong', 'yezhu']) {
      const cookie = await t.login(login);
      expect((await t.call('POST', `/api/meetings/${id}/schedule`, { cookie })).status, login).toBe(403);
    }
    expect((await t.call('POST', `/api/meetings/${id}/schedule`)).status).toBe(401);
    // Staff of another compound do not even see it.
    expect((await t.call('GET', `/api/meetings/${id}`, { cookie: await t.login('cuiyuan') })).status).toBe(403);
    // Owners do not see drafts.
    expect((await t.call('GET', `/api/meetings/${id}`, { cookie: await t.login('yezhu') })).status).toBe(404);
  });

  it('steps out of order are refused with the current status', async () => {
    const { cookie, res } = await createMeeting('jiedao', 'four_party');
    const id = (await json(res, 201)).meeting.id as string;
    const body = await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie, headers: { 'accept-language': 'en' } }), 409);
    // Codes are shown in words: "The meeting is "Draft"; you cannot start the meeting now".
    expect(body.error.message).toBe('The meeting is "Draft"; you cannot start the meeting now');
    const past = await t.call('POST', `/api/compounds/${dsct}/meetings`, { cookie, json: { kind: 'four_party', title: 'x', startsAt: '2020-01-01T00:00:00Z', place: 'p' } });
    expect((await json(past, 422)).error.code).toBe('meeting_starts_in_past');
  });

  it('the convener reopens a frozen agenda and re-freezing keeps item ids', async () => {
    const { cookie, res } = await createMeeting('jiedao', 'four_party');
    const id = (await json(res, 201)).meeting.id as string;
    await seedAgenda(id);
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    const started = await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    const ids = started.agendaItems.map((i: any) => i.id);
    expect((await t.call('POST', `/api/meetings/${id}/agenda/reopen`, { cookie: await t.login('zhujian') })).status).toBe(403);
    expect((await json(await t.call('POST', `/api/meetings/${id}/agenda/reopen`, { cookie }), 200)).meeting.agendaFrozenAt).toBeNull();
    const refrozen = await json(await t.call('POST', `/api/meetings/${id}/agenda/freeze`, { cookie }), 200);
    expect(refrozen.agendaItems.map((i: any) => i.id)).toEqual(ids);
  });
});

describe('evening talk', () => {
  async function scheduledTalk() {
    const { cookie, res } = await createMeeting('shequ', 'evening_talk', '围庐夜话');
    const id = (await json(res, 201)).meeting.id as string;
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    return { cookie, id };
  }

  it('35 questions, 30 answered on the spot, 5 listed → 35 / 30 / 5, each listed one an action item', async () => {
    const { cookie, id } = await scheduledTalk();
    // Residents submit before the talk; staff record the rest from the floor.
    const resident = await t.login('jumin');
    const first = await json(await t.call('POST', `/api/meetings/${id}/questions`, { cookie: resident, json: { text: '小区东门路灯坏了一个月', category: 'facilities' } }), 201);
    expect(first.counts.raised).toBe(1);
    await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    for (let i = 2; i <= 35; i++) {
      await json(await t.call('POST', `/api/meetings/${id}/questions`, { cookie, json: { text: `问题${i}：垃圾分类点太远`, category: 'environment', askerName: '3栋 李阿姨' } }), 201);
    }
    const { questions } = await json(await t.call('GET', `/api/meetings/${id}/questions`, { cookie }), 200);
    expect(questions.map((q: any) => q.number)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    for (const q of questions.slice(0, 30)) {
      await json(await t.call('POST', `/api/meetings/${id}/questions/${q.id}/answer`, { cookie, json: { answer: '已安排物业本周处理', answeredByName: '物业 吴涛' } }), 200);
    }
    let last: any;
    for (const q of questions.slice(30)) {
      last = await json(await t.call('POST', `/api/meetings/${id}/questions/${q.id}/list`, { cookie, json: { measures: '五个工作日内整改', responsibleUnit: '物业' } }), 200);
      expect(last.actionItemId).toEqual(expect.any(String));
    }
    expect(last.counts).toMatchObject({ raised: 35, answered: 30, listed: 5, open: 0 });
    const view = await json(await t.call('GET', `/api/meetings/${id}`, { cookie }), 200);
    expect(view.questionCounts).toMatchObject({ raised: 35, answered: 30, listed: 5 });
    const linked = await t.deps.db.selectFrom('meeting_questions').select('action_item_id').where('meeting_id', '=', id).where('status', '=', 'listed').execute();
    expect(linked.every((q) => q.action_item_id !== null)).toBe(true);
    // A handled question cannot be handled twice.
    const twice = await t.call('POST', `/api/meetings/${id}/questions/${questions[0].id}/answer`, { cookie, json: { answer: 'x', answeredByName: 'y' } });
    expect((await json(twice, 409)).error.code).toBe('question_closed');
  });

  it('two staff handling the same question at the same moment: one succeeds, one is told, one action item', async () => {
    const { cookie, id } = await scheduledTalk();
    await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    await json(await t.call('POST', `/api/meetings/${id}/questions`, { cookie, json: { text: '地下车库漏水', category: 'facilities' } }), 201);
    const q = (await json(await t.call('GET', `/api/meetings/${id}/questions`, { cookie }), 200)).questions[0];
    const other = await t.login('jiedao');
    const attempts = await Promise.all([
      t.call('POST', `/api/meetings/${id}/questions/${q.id}/list`, { cookie, json: { measures: '五个工作日内整改', responsibleUnit: '物业' } }),
      t.call('POST', `/api/meetings/${id}/questions/${q.id}/list`, { cookie: other, json: { measures: '五个工作日内整改', responsibleUnit: '物业' } }),
      t.call('POST', `/api/meetings/${id}/questions/${q.id}/answer`, { cookie: other, json: { answer: '已答复', answeredByName: '李红梅' } }),
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
    const a = await json(await t.call('POST', `/api/meetings/${id}/questions`, { cookie: owner, json: { text: '电动车充电桩不够', category: 'facilities', anonymous: true } }), 201);
    const b = await json(await t.call('POST', `/api/meetings/${id}/questions`, { cookie: owner, json: { text: '充电桩太少', category: 'facilities' } }), 201);
    const row = await t.deps.db.selectFrom('meeting_questions').select(['asked_by_user_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.asked_by_user_id).toBeNull();
    await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    expect((await json(await t.call('POST', `/api/meetings/${id}/questions/${b.id}/merge`, { cookie, json: { intoQuestionId: b.id } }), 422)).error.code).toBe('question_merge_self');
    const merged = await json(await t.call('POST', `/api/meetings/${id}/questions/${b.id}/merge`, { cookie, json: { intoQuestionId: a.id } }), 200);
    expect(merged.counts).toMatchObject({ raised: 1, open: 1, merged: 1 });
    // The owner sees the list, but cannot answer.
    const seen = await json(await t.call('GET', `/api/meetings/${id}/questions`, { cookie: owner }), 200);
    expect(seen.questions[0]).toMatchObject({ anonymous: true, askerName: null });
    expect(seen.questions[1].askerName).toBe('王*');
    expect((await t.call('POST', `/api/meetings/${id}/questions/${a.id}/answer`, { cookie: owner, json: { answer: 'x', answeredByName: 'y' } })).status).toBe(403);
  });

  it('questions are refused before the notice and after the talk; other compounds cannot ask', async () => {
    const { cookie, res } = await createMeeting('shequ', 'evening_talk');
    const id = (await json(res, 201)).meeting.id as string;
    const ask = (c: string) => t.call('POST', `/api/meetings/${id}/questions`, { cookie: c, json: { text: '什么时候修电梯' } });
    expect((await json(await ask(cookie), 409)).error.code).toBe('questions_not_open');
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    expect((await ask(await t.login('cuiyuan'))).status).toBe(403);
    await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    await json(await t.call('POST', `/api/meetings/${id}/close`, { cookie }), 200);
    expect((await ask(await t.login('jumin'))).status).toBe(409);
  });

  it('the hall screen shows the question in focus and the live counts, without logging in', async () => {
    const { cookie, id } = await scheduledTalk();
    await json(await t.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    const q = await json(await t.call('POST', `/api/meetings/${id}/questions`, { cookie, json: { text: '楼道堆放杂物', category: 'safety' } }), 201);
    await json(await t.call('PUT', `/api/meetings/${id}/hall`, { cookie, json: { questionId: q.id } }), 200);
    const hall = await json(await t.call('GET', `/api/public/meetings/${id}/hall`), 200);
    expect(hall.current).toMatchObject({ kind: 'question', number: 1, text: '楼道堆放杂物' });
    expect(hall.questionCounts).toMatchObject({ raised: 1, open: 1 });
    expect((await t.call('PUT', `/api/meetings/${id}/hall`, { cookie: await t.login('yezhu'), json: { questionId: q.id } })).status).toBe(403);
  });
});

describe('iCalendar feed', () => {
  it('lists scheduled meetings as text/calendar with CRLF lines and escaped text', async () => {
    const { cookie, res } = await createMeeting('jiedao', 'four_party', '停车难, 充电桩; 议事会');
    const id = (await json(res, 201)).meeting.id as string;
    await json(await t.call('POST', `/api/compounds/${dsct}/meetings`, { cookie, json: { kind: 'four_party', title: '草稿不出现', startsAt: NEXT_WEEK, place: 'x' } }), 201);
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    const ics = await t.call('GET', `/api/public/compounds/${dsct}/meetings.ics`);
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
