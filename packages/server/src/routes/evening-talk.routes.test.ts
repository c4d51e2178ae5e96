/**
 * The evening talk (居民夜谈) through its API: residents ask, staff answer on the spot, list a question
 * for follow-up (it becomes an action item) or merge a duplicate; the counts follow, and the hall
 * screen shows the question in focus.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionItemEndpoints, eveningTalkEndpoints, meetingEndpoints, publicMeetingEndpoints } from '@yishi/core';
import { meetingApi, refusal } from '../testing/meeting-api.js';
import { listUrl, pageThrough } from '../testing/page-through.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
/** The server's clock: Saturday 21 November 2026, 10:00 in China, unless a test moves it. */
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

describe('evening talk', () => {
  async function scheduledTalk() {
    const { cookie, id } = await createdMeeting('shequ', 'evening_talk', '围庐夜话');
    await step('schedule', cookie, id);
    return { cookie, id };
  }
  const ask = (
    cookie: string,
    meetingId: string,
    body: { text: string; category: 'facilities' | 'environment' | 'safety'; askerName?: string; anonymous?: boolean; buildingId?: string },
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

  it('the worker gives the working days a listed question is due in, 5 unless given; 0, 61 or 2.5 is refused, naming the field', async () => {
    const { cookie, id } = await scheduledTalk();
    await step('start', cookie, id);
    const stairs = await asked(cookie, id, { text: '南门台阶破损', category: 'facilities' });
    const light = await asked(cookie, id, { text: '3栋楼道灯不亮', category: 'facilities' });
    const list = (questionId: string, body: { measures: string; deadlineWorkdays?: number }) =>
      t.api(eveningTalkEndpoints.list, { cookie, params: { meetingId: id, questionId }, body });
    for (const deadlineWorkdays of [0, 61, 2.5]) {
      const refused = await list(stairs.id, { measures: '物业修补台阶', deadlineWorkdays });
      expect(refused.status, String(deadlineWorkdays)).toBe(400);
      expect(JSON.stringify(refused.error?.details)).toContain('deadlineWorkdays');
    }
    const given = await list(stairs.id, { measures: '物业修补台阶', deadlineWorkdays: 10 });
    const byDefault = await list(light.id, { measures: '物业更换灯泡' });
    const itemOf = (listed: typeof given) => t.ok(actionItemEndpoints.get, { cookie, params: { itemId: listed.data!.actionItemId } });
    // Listed on Saturday 21 November 2026: the working days count from Monday the 23rd.
    expect(await itemOf(given)).toMatchObject({ deadlineWorkdays: 10, dueDate: '2026-12-04' });
    expect(await itemOf(byDefault)).toMatchObject({ deadlineWorkdays: 5, dueDate: '2026-11-27' });
  });

  it('a listing that waited offline over a weekend counts its working days from the day it was made, not the day it arrived', async () => {
    // Friday 20 November, 21:00 in China: the talk, a question recorded, the worker lists it with no signal.
    now = new Date('2026-11-20T13:00:00Z');
    const { cookie, id } = await scheduledTalk();
    await step('start', cookie, id);
    const questions = await Promise.all(
      ['南门台阶破损', '3栋楼道灯不亮', '垃圾房异味', '车库积水'].map((text) => asked(cookie, id, { text, category: 'facilities' })),
    );
    // Monday 23 November, 09:00: the phone has signal again and its outbox sends the listings.
    now = new Date('2026-11-23T01:00:00Z');
    const listed = async (questionId: string, listedOn?: string) => {
      const answer = await t.api(eveningTalkEndpoints.list, {
        cookie,
        params: { meetingId: id, questionId },
        body: { measures: '物业处理', ...(listedOn ? { listedOn } : {}) },
      });
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      return t.ok(actionItemEndpoints.get, { cookie, params: { itemId: answer.data!.actionItemId } });
    };
    // Five working days from Friday: Monday 23 to Friday 27. From Monday: to Monday 30.
    expect(await listed(questions[0]!.id, '2026-11-20')).toMatchObject({ deadlineWorkdays: 5, dueDate: '2026-11-27' });
    expect(await listed(questions[1]!.id)).toMatchObject({ dueDate: '2026-11-30' });
    // A day after today, or before the meeting was arranged (a phone's wrong clock): counted from today.
    expect(await listed(questions[2]!.id, '2026-11-24')).toMatchObject({ dueDate: '2026-11-30' });
    expect(await listed(questions[3]!.id, '2026-11-19')).toMatchObject({ dueDate: '2026-11-30' });
    const refused = await t.api(eveningTalkEndpoints.list, {
      cookie,
      params: { meetingId: id, questionId: questions[0]!.id },
      body: { measures: '', listedOn: '20号' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.error?.details)).toContain('listedOn');
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

  it('a name typed with its building ("3栋 李阿姨") is shown beside the building without it, and to the public as said, not as "3*"', async () => {
    const { cookie, id } = await scheduledTalk();
    const building = await t.deps.db.selectFrom('buildings').select(['id', 'name']).where('compound_id', '=', dsct).orderBy('name').executeTakeFirstOrThrow();
    await asked(cookie, id, { text: '垃圾分类点太远', category: 'environment', askerName: `${building.name}栋 李阿姨`, buildingId: building.id });
    await asked(cookie, id, { text: '楼道堆放杂物', category: 'safety', askerName: '5号楼 王建国' });
    const staff = (await questionsOf(cookie, id)).items;
    expect(staff.map((q) => [q.askerName, q.buildingName])).toEqual([
      ['李阿姨', building.name],
      // No building recorded: the name stays as typed, the only place the building is said.
      ['5号楼 王建国', null],
    ]);
    const resident = (await questionsOf(await t.login('jumin'), id)).items;
    expect(resident.map((q) => q.askerName)).toEqual(['李阿姨', '王*']);
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
