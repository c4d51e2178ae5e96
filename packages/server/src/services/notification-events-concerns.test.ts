/**
 * Every event about residents' concerns, through the API of the real app: raised at an evening talk
 * (recorded, answered on the spot, listed as an action item) or online, and the action item's life
 * (assigned, answered, signed off, rated). As in notification-events.test.ts, exactly the right
 * people have an in-app notice of the right kind, the one who acted has none, and an action first
 * made to fail at the notices' last statement leaves nothing.
 */
import { actionItemEndpoints, eveningTalkEndpoints, meetingEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsOf, failsThenWorks, noticeOf, noticed } from '../testing/notice-checks.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('concerns raised at an evening talk', () => {
  async function talkInSession(): Promise<{ staff: string; meetingId: string }> {
    const staff = await t.login('shequ');
    const created = await t.ok(meetingEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: { kind: 'evening_talk', title: '围庐夜话', startsAt: inDays(1), place: '中心广场' },
    });
    const meetingId = created.meeting.id;
    await t.ok(meetingEndpoints.schedule, { cookie: staff, params: { meetingId } });
    return { staff, meetingId };
  }
  /** A talk in session with a question 居民 jumin asked before it began. */
  async function askedByJumin(text: string) {
    const { staff, meetingId } = await talkInSession();
    const asked = await t.ok(eveningTalkEndpoints.submit, { cookie: await t.login('jumin'), params: { meetingId }, body: { text, category: 'facilities' } });
    await t.ok(meetingEndpoints.start, { cookie: staff, params: { meetingId } });
    return { staff, meetingId, asked };
  }
  const ask = (cookie: string, meetingId: string, text: string) =>
    t.api(eveningTalkEndpoints.submit, { cookie, params: { meetingId }, body: { text, category: 'facilities' } });

  it('recorded: the resident who asked keeps a receipt linking to the talk; a question recorded from the floor tells nobody', async () => {
    const { staff, meetingId } = await talkInSession();
    const yezhu = await t.login('yezhu');
    const asked = await failsThenWorks(t, async () => {
      const answer = await ask(yezhu, meetingId, '2栋单元门禁经常刷不开');
      if (!answer.ok) expect(await t.deps.db.selectFrom('meeting_questions').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(0);
      return answer;
    });
    expect(await noticed(t, 'concern_recorded', asked.id)).toEqual(['yezhu']);
    expect((await noticeOf(t, 'yezhu', 'concern_recorded')).path).toBe(`/meetings/${meetingId}`);
    const fromFloor = await t.ok(eveningTalkEndpoints.submit, {
      cookie: staff,
      params: { meetingId },
      body: { text: '落叶清扫', category: 'environment', askerName: '3栋 李阿姨' },
    });
    expect(await noticed(t, 'concern_recorded', fromFloor.id)).toEqual([]);
  });

  it('answered on the spot: the asker is told the answer', async () => {
    const { staff, meetingId, asked } = await askedByJumin('东门路灯坏了');
    await failsThenWorks(t, async () => {
      const answer = await t.api(eveningTalkEndpoints.answer, {
        cookie: staff,
        params: { meetingId, questionId: asked.id },
        body: { answer: '物业明天更换灯泡', answeredByName: '物业 吴涛' },
      });
      if (!answer.ok) expect(await eventsOf(t, 'concern_answered', asked.id)).toBe(0);
      return answer;
    });
    expect(await noticed(t, 'concern_answered', asked.id)).toEqual(['jumin']);
    expect((await noticeOf(t, 'jumin', 'concern_answered')).body['zh-CN']).toContain('物业明天更换灯泡');
  });

  it('an answer corrected: the asker is told the new words; a correction of who answered alone tells nobody', async () => {
    const { staff, meetingId, asked } = await askedByJumin('东门路灯坏了');
    const params = { meetingId, questionId: asked.id };
    await t.ok(eveningTalkEndpoints.answer, { cookie: staff, params, body: { answer: '物业明天更换灯泡', answeredByName: '物业 吴涛' } });
    await t.ok(eveningTalkEndpoints.correctAnswer, { cookie: staff, params, body: { answer: '物业明天更换灯泡', answeredByName: '物业 吴韬' } });
    expect(await noticed(t, 'concern_answer_corrected', asked.id)).toEqual([]);
    await failsThenWorks(t, async () => {
      const answer = await t.api(eveningTalkEndpoints.correctAnswer, {
        cookie: staff,
        params,
        body: { answer: '物业今晚更换灯泡', answeredByName: '物业 吴韬' },
      });
      if (!answer.ok) {
        expect(await eventsOf(t, 'concern_answer_corrected', asked.id)).toBe(0);
        const kept = await t.deps.db.selectFrom('meeting_questions').select('answer').where('id', '=', asked.id).executeTakeFirstOrThrow();
        expect(kept.answer).toBe('物业明天更换灯泡');
      }
      return answer;
    });
    expect(await noticed(t, 'concern_answer_corrected', asked.id)).toEqual(['jumin']);
    const notice = await noticeOf(t, 'jumin', 'concern_answer_corrected');
    expect(notice.body['zh-CN']).toBe('您反映的问题“东门路灯坏了”的答复已更正为：物业今晚更换灯泡');
    expect(notice.path).toBe(`/meetings/${meetingId}`);
  });

  it('listed as an action item: the asker is told its due date and link; the responsible unit gets the item', async () => {
    const { staff, meetingId, asked } = await askedByJumin('地下车库漏水');
    const listed = await failsThenWorks(t, async () => {
      const answer = await t.api(eveningTalkEndpoints.list, {
        cookie: staff,
        params: { meetingId, questionId: asked.id },
        body: { measures: '五个工作日内整改', responsibleUnit: 'property_manager' },
      });
      if (!answer.ok) expect(await t.deps.db.selectFrom('action_items').select('id').where('source_id', '=', asked.id).execute()).toHaveLength(0);
      return answer;
    });
    expect(await noticed(t, 'concern_listed', asked.id)).toEqual(['jumin']);
    expect((await noticeOf(t, 'jumin', 'concern_listed')).path).toBe(`/action-items/${listed.actionItemId}`);
    expect(await noticed(t, 'item_assigned', listed.actionItemId)).toEqual(['wuye']);
  });
});

describe('concerns online and action items', () => {
  const report = (cookie: string) =>
    t.api(actionItemEndpoints.reportConcern, {
      cookie,
      params: { compoundId: dsct },
      body: { title: '3栋门口积水', description: '下雨后单元门口积水，老人出入不便' },
    });

  it('recorded: the resident keeps a receipt; answered: the first public update tells them what is being done', async () => {
    const yezhu = await t.login('yezhu');
    const concern = await failsThenWorks(t, async () => {
      const answer = await report(yezhu);
      if (!answer.ok) expect(await t.deps.db.selectFrom('action_items').select('id').where('title', '=', '3栋门口积水').execute()).toHaveLength(0);
      return answer;
    });
    expect(await noticed(t, 'concern_recorded', concern.id)).toEqual(['yezhu']);
    expect((await noticeOf(t, 'yezhu', 'concern_recorded')).path).toBe(`/action-items/${concern.id}`);

    const worker = await t.login('wangge');
    await failsThenWorks(t, async () => {
      const answer = await t.api(actionItemEndpoints.progress, {
        cookie: worker,
        params: { itemId: concern.id },
        body: { text: '已联系物业疏通雨水井', photos: [] },
      });
      if (!answer.ok) expect(await eventsOf(t, 'concern_answered', concern.id)).toBe(0);
      return answer;
    });
    expect(await noticed(t, 'concern_answered', concern.id)).toEqual(['yezhu']);
    expect((await noticeOf(t, 'yezhu', 'concern_answered')).body['zh-CN']).toContain('已联系物业疏通雨水井');
    // Later updates are progress, not a new answer.
    await t.ok(actionItemEndpoints.progress, { cookie: worker, params: { itemId: concern.id }, body: { text: '疏通完成', photos: [] } });
    expect(await eventsOf(t, 'concern_answered', concern.id)).toBe(1);
  });

  it('assigned to a unit when listed and when reassigned; a unit that assigns itself is not told', async () => {
    const chief = await t.login('zhanzhang');
    // Listed from the compound's qualified proposal.
    const proposal = await t.deps.db
      .selectFrom('proposals')
      .select('id')
      .where('compound_id', '=', dsct)
      .where('status', '=', 'qualified')
      .executeTakeFirstOrThrow();
    const source = { kind: 'proposal' as const, id: proposal.id };
    const item = await failsThenWorks(t, () =>
      t.api(actionItemEndpoints.create, {
        cookie: chief,
        params: { compoundId: dsct },
        body: { title: '中心花园绿化补种', description: '补种冬青', source, responsibleUnit: 'property_manager' },
      }),
    );
    expect(await noticed(t, 'item_assigned', item.id)).toEqual(['wuye']);
    expect((await noticeOf(t, 'wuye', 'item_assigned')).path).toBe(`/action-items/${item.id}`);

    await failsThenWorks(t, () =>
      t.api(actionItemEndpoints.edit, { cookie: chief, params: { itemId: item.id }, body: { responsibleUnit: 'department:区城市管理局' } }),
    );
    expect(await noticed(t, 'item_assigned', item.id)).toEqual(['chengguan', 'wuye']);
    // Changing only the measures assigns nothing.
    await t.ok(actionItemEndpoints.edit, { cookie: chief, params: { itemId: item.id }, body: { measures: '春季补种' } });
    expect(await eventsOf(t, 'item_assigned', item.id)).toBe(2);

    const own = await t.ok(actionItemEndpoints.create, {
      cookie: await t.login('wuye'),
      params: { compoundId: dsct },
      body: { title: '楼道灯更换', description: '', source, responsibleUnit: 'property_manager' },
    });
    expect(await noticed(t, 'item_assigned', own.id)).toEqual([]);
  });

  it('signed off: the resident who raised it is asked to rate; rated unsatisfied: the unit and the station are told it is reopened', async () => {
    const yezhu = await t.login('yezhu');
    const concern = (await report(yezhu)).data!;
    const chief = await t.login('zhanzhang');
    await t.ok(actionItemEndpoints.edit, { cookie: chief, params: { itemId: concern.id }, body: { responsibleUnit: 'property_manager' } });
    const wuye = await t.login('wuye');
    await t.ok(actionItemEndpoints.resolve, { cookie: wuye, params: { itemId: concern.id }, body: { evidence: '已疏通雨水井', photos: [] } });
    const signed = await failsThenWorks(t, async () => {
      const answer = await t.api(actionItemEndpoints.signOff, { cookie: chief, params: { itemId: concern.id }, body: { resolution: '积水已排除' } });
      if (!answer.ok)
        expect(await t.deps.db.selectFrom('action_items').select('status').where('id', '=', concern.id).executeTakeFirstOrThrow()).toEqual({
          status: 'resolved',
        });
      return answer;
    });
    expect(await noticed(t, 'item_rate', concern.id)).toEqual(['yezhu']);
    const rate = await noticeOf(t, 'yezhu', 'item_rate');
    expect(rate.path).toBe(`/action-items/${concern.id}`);
    expect(rate.body['zh-CN']).toContain(signed.signOffNumber);

    await failsThenWorks(t, () =>
      t.api(actionItemEndpoints.rate, { cookie: yezhu, params: { itemId: concern.id }, body: { rating: 'dissatisfied', comment: '下雨又积水了' } }),
    );
    // The property manager's representative and the station; not the resident who rated.
    expect(await noticed(t, 'item_reopened', concern.id)).toEqual(['fuzhan', 'wangge', 'wuye', 'yeweihui', 'zhanzhang']);
    expect((await noticeOf(t, 'wuye', 'item_reopened')).path).toBe(`/action-items/${concern.id}`);
  });
});
