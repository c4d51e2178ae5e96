/**
 * Every event a feature reports, through the API of the real app: the action is done as a user
 * would do it, then exactly the right people have an in-app notice of the right kind, linking to the
 * right page, and the one who did it has none. Each action is first made to fail at its last
 * statement (the notices' own bookkeeping): the whole action is rolled back and no notice is left,
 * then it is done again for real.
 */
import {
  actionItemEndpoints,
  eveningTalkEndpoints,
  meetingEndpoints,
  minutesEndpoints,
  notificationEndpoints,
  proposalEndpoints,
  voteEndpoints,
  type NotificationKind,
} from '@yishi/core';
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { runNotificationSchedule } from './notification-scheduler.js';
import { writeOwedNotices } from './notification-worker.js';
import { settleDueVotes } from './votes.service.js';

let t: TestApp;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Login names with an in-app notice of `kind` about `subjectId`, sorted (a vote roll's notices written first, as the worker does after the commit). */
async function noticed(kind: NotificationKind, subjectId: string): Promise<string[]> {
  await writeOwedNotices(t.deps);
  const rows = await t.deps.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select('u.username')
    .where('n.kind', '=', kind)
    .where('e.subject_id', '=', subjectId)
    .where('n.in_app', '=', 1)
    .execute();
  return rows.map((r) => r.username!).sort();
}

/** Events of a kind about a subject (a rolled-back action must leave none). */
async function eventsOf(kind: NotificationKind, subjectId: string): Promise<number> {
  return (await t.deps.db.selectFrom('notification_events').select('id').where('kind', '=', kind).where('subject_id', '=', subjectId).execute()).length;
}

/** The notice of `kind` in `login`'s notification centre, as the web app reads it. */
async function noticeOf(login: string, kind: NotificationKind) {
  await writeOwedNotices(t.deps);
  const { items } = await t.ok(notificationEndpoints.list, { cookie: await t.login(login), query: { limit: 100 } });
  const notice = items.find((n) => n.kind === kind);
  expect(notice, `${login} has a ${kind} notice`).toBeDefined();
  return notice!;
}

/**
 * Runs `action` with the database failing at the notices' last statement in the action's transaction
 * (the recipient count on the event, or the fan-out row owing a vote roll's notices), as a full disk
 * would: the action answers 500 and nothing of it is kept. Then runs it for real.
 */
async function failsThenWorks<T>(action: () => Promise<{ status: number; ok: boolean; data: T | null }>): Promise<T> {
  const db = t.deps.db;
  const failing: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === 'UpdateQueryNode' && JSON.stringify(args.node.table).includes('"notification_events"')) throw new Error('disk full');
      if (args.node.kind === 'InsertQueryNode' && JSON.stringify(args.node.into).includes('"notification_fanouts"')) throw new Error('disk full');
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  t.deps.db = db.withPlugin(failing);
  // The server logs the unexpected error; that line is expected here.
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect((await action()).status).toBe(500);
    expect(log).toHaveBeenCalled();
  } finally {
    t.deps.db = db;
    log.mockRestore();
  }
  const done = await action();
  expect(done.ok, JSON.stringify(done)).toBe(true);
  return done.data!;
}

/** Accounts of the owners of DSCT's units (their persons own a unit there), by login name. */
async function ownerLogins(): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('users as u')
    .innerJoin('ownerships as o', 'o.person_id', 'u.person_id')
    .innerJoin('units as un', 'un.id', 'o.unit_id')
    .select('u.username')
    .distinct()
    .where('un.compound_id', '=', dsct)
    .where('un.developer_held', '=', 0)
    .execute();
  return rows.map((r) => r.username!).sort();
}

describe('votes', () => {
  const create = async (cookie: string, opensAt?: string) =>
    (
      await t.ok(voteEndpoints.create, {
        cookie,
        params: { compoundId: dsct },
        body: { title: '是否更换小区门禁系统', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: inDays(3), ...(opensAt ? { opensAt } : {}) },
      })
    ).id;

  it('opened by the organiser: every owner with an account is told, with a link to the vote; a failed opening leaves the draft and no notice', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await create(staff);
    await failsThenWorks(async () => {
      const answer = await t.api(voteEndpoints.open, { cookie: staff, params: { voteId } });
      if (!answer.ok) {
        expect(await eventsOf('vote_opened', voteId)).toBe(0);
        expect((await t.deps.db.selectFrom('votes').select('status').where('id', '=', voteId).executeTakeFirstOrThrow()).status).toBe('draft');
      }
      return answer;
    });
    const owners = await ownerLogins();
    expect(owners).toEqual(expect.arrayContaining(['yezhu', 'yezhu2']));
    expect(await noticed('vote_opened', voteId)).toEqual(owners);
    // Residents who own nothing and the organiser are not on the roll.
    expect(owners).not.toContain('jumin');
    expect(owners).not.toContain('zhanzhang');
    const notice = await noticeOf('yezhu', 'vote_opened');
    expect(notice).toMatchObject({ path: `/votes/${voteId}`, title: { 'zh-CN': '表决开始：是否更换小区门禁系统' } });
  });

  it('opened by the scheduler at its time: the same owners are told', async () => {
    const voteId = await create(await t.login('zhanzhang'), inDays(1));
    expect(await eventsOf('vote_opened', voteId)).toBe(0);
    const later = new Date(Date.now() + 1.5 * DAY);
    t.deps.clock = () => later;
    expect((await settleDueVotes(t.deps)).opened).toBe(1);
    expect(await noticed('vote_opened', voteId)).toEqual(await ownerLogins());
  });

  it('closing within 24 hours (the scheduler): only owners with a unit that has not voted are reminded', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await create(staff);
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login('yezhu2'), params: { voteId }, body: { choices: ['yes'] } });
    // yezhu votes for one of his two flats only: the other still waits for him.
    const yezhu = await t.login('yezhu');
    const flat = await t.deps.db
      .selectFrom('ownerships as o')
      .innerJoin('users as u', 'u.person_id', 'o.person_id')
      .select('o.unit_id')
      .where('u.username', '=', 'yezhu')
      .executeTakeFirstOrThrow();
    await t.ok(voteEndpoints.castBallot, { cookie: yezhu, params: { voteId }, body: { unitId: flat.unit_id, choices: ['no'] } });
    const later = new Date(Date.now() + 2.5 * DAY);
    t.deps.clock = () => later;
    await runNotificationSchedule(t.deps);
    const reminded = await noticed('vote_closing', voteId);
    expect(reminded).toContain('yezhu');
    expect(reminded).not.toContain('yezhu2');
    expect(reminded).toEqual((await ownerLogins()).filter((login) => login !== 'yezhu2'));
  });

  it('result published when the organiser closes it: the owners are told whether it passed', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await create(staff);
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login('yezhu2'), params: { voteId }, body: { choices: ['yes'] } });
    await failsThenWorks(async () => {
      const answer = await t.api(voteEndpoints.close, { cookie: staff, params: { voteId } });
      // Closing is three steps (votes.service.ts): a failure while the result is written leaves the vote closed to
      // ballots with no result and nobody told; the organiser's next click finishes it, and is told it is closed.
      if (answer.status === 500) {
        const vote = await t.deps.db.selectFrom('votes').select('result_json').where('id', '=', voteId).executeTakeFirstOrThrow();
        expect(vote.result_json).toBeNull();
        expect(await eventsOf('vote_result', voteId)).toBe(0);
      }
      return answer.error?.code === 'vote_already_closed' ? { ...answer, ok: true } : answer;
    });
    expect(await noticed('vote_result', voteId)).toEqual(await ownerLogins());
    const notice = await noticeOf('yezhu2', 'vote_result');
    expect(notice.path).toBe(`/votes/${voteId}`);
    expect(notice.body['zh-CN']).toMatch(/^表决“是否更换小区门禁系统”已结束：(通过|未通过)。$/);
  });
});

describe('meetings', () => {
  it('scheduled: the invited parties and the compound’s residents are told, with the agenda as it stands; the convener is not', async () => {
    const cookie = await t.login('jiedao');
    const created = await t.ok(meetingEndpoints.create, {
      cookie,
      params: { compoundId: dsct },
      body: { kind: 'four_party', title: '停车难议事会', startsAt: inDays(7), place: '都市春天服务站二楼' },
    });
    const meetingId = created.meeting.id;
    await storeSampleAgenda(t.deps.db, meetingId, new Date());
    await failsThenWorks(async () => {
      const answer = await t.api(meetingEndpoints.schedule, { cookie, params: { meetingId } });
      if (!answer.ok) expect(await eventsOf('meeting_scheduled', meetingId)).toBe(0);
      return answer;
    });
    const told = await noticed('meeting_scheduled', meetingId);
    // The parties' representatives invited to the council, and the owners and residents.
    expect(told).toEqual(expect.arrayContaining(['chengguan', 'fuzhan', 'wuye', 'yeweihui', 'zhujian', 'yezhu', 'yezhu2', 'jumin']));
    expect(told).not.toContain('jiedao');
    // Another compound's station chief is not told.
    expect(told).not.toContain('cuiyuan');
    const notice = await noticeOf('yezhu', 'meeting_scheduled');
    expect(notice.path).toBe(`/meetings/${meetingId}`);
    expect(notice.body['zh-CN']).toContain('议程：1. 地下车库停车位 2. 路灯维修');
  });

  it('cancelled: those told of the meeting are told it will not take place; the one who cancelled is not', async () => {
    const cookie = await t.login('jiedao');
    const created = await t.ok(meetingEndpoints.create, {
      cookie,
      params: { compoundId: dsct },
      body: { kind: 'four_party', title: '取消测试议事会', startsAt: inDays(7), place: '都市春天服务站二楼' },
    });
    const meetingId = created.meeting.id;
    await t.ok(meetingEndpoints.schedule, { cookie, params: { meetingId } });
    const scheduled = await noticed('meeting_scheduled', meetingId);
    const chief = await t.login('zhanzhang');
    await failsThenWorks(async () => {
      const answer = await t.api(meetingEndpoints.cancel, { cookie: chief, params: { meetingId } });
      if (!answer.ok) expect(await eventsOf('meeting_cancelled', meetingId)).toBe(0);
      return answer;
    });
    const told = await noticed('meeting_cancelled', meetingId);
    expect(told).toEqual(expect.arrayContaining(['chengguan', 'yeweihui', 'yezhu', 'jumin']));
    expect(told).not.toContain('zhanzhang');
    expect(told).not.toContain('cuiyuan');
    expect(told.every((who) => scheduled.includes(who) || who === 'jiedao')).toBe(true);
    const notice = await noticeOf('yezhu', 'meeting_cancelled');
    expect(notice.path).toBe(`/meetings/${meetingId}`);
    expect(notice.title['zh-CN']).toBe('会议取消：取消测试议事会');
    expect(notice.body['zh-CN']).toMatch(/^原定.+在都市春天服务站二楼召开的“取消测试议事会”已取消，请勿前往。$/);
  });

  it('minutes published: attendees and residents are told, with a link to the minutes; the publisher is not', async () => {
    const { meetingId } = await insertHeldMeeting(t.deps, { startsAt: new Date(Date.now() - 2 * DAY) });
    await t.ok(minutesEndpoints.generate, { cookie: await t.login('fuzhan'), params: { meetingId } });
    const chief = await t.login('zhanzhang');
    await failsThenWorks(async () => {
      const answer = await t.api(minutesEndpoints.publish, { cookie: chief, params: { meetingId }, body: { confirm: true } });
      if (!answer.ok) expect(await t.deps.db.selectFrom('minutes_versions').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(0);
      return answer;
    });
    const told = await noticed('minutes_published', meetingId);
    expect(told).toEqual(expect.arrayContaining(['yezhu', 'yezhu2', 'jumin']));
    expect(told).not.toContain('zhanzhang');
    expect((await noticeOf('jumin', 'minutes_published')).path).toBe(`/minutes/${meetingId}`);
  });
});

describe('proposals', () => {
  async function submitted(): Promise<string> {
    const staff = await t.login('zhanzhang');
    await t.ok(proposalEndpoints.changeSettings, { cookie: staff, params: { compoundId: dsct }, body: { threshold: { kind: 'count', units: 2 } } });
    const created = await t.ok(proposalEndpoints.submit, {
      cookie: await t.login('loudong'),
      params: { compoundId: dsct },
      body: { title: '单元门口加装扶手', body: '老人上下台阶容易摔倒，建议在各单元门口台阶加装不锈钢扶手。' },
    });
    return created.id;
  }

  it('reaching the seconding threshold tells the author and the station once; not the seconder who tipped it', async () => {
    const proposalId = await submitted();
    await t.ok(proposalEndpoints.second, { cookie: await t.login('yezhu'), params: { proposalId }, body: {} });
    expect(await eventsOf('proposal_threshold', proposalId)).toBe(0);
    const jumin = await t.login('jumin');
    const qualified = await failsThenWorks(async () => {
      const answer = await t.api(proposalEndpoints.second, { cookie: jumin, params: { proposalId }, body: {} });
      if (!answer.ok) expect(await eventsOf('proposal_threshold', proposalId)).toBe(0);
      return answer;
    });
    expect(qualified.status).toBe('qualified');
    // The author, the station chief and deputies, the community's staff.
    expect(await noticed('proposal_threshold', proposalId)).toEqual(['fuzhan', 'loudong', 'shequ', 'wangge', 'wuye', 'yeweihui', 'zhanzhang']);
    // A later second does not tell anyone again.
    await t.ok(proposalEndpoints.second, { cookie: await t.login('yezhu2'), params: { proposalId }, body: {} });
    expect(await eventsOf('proposal_threshold', proposalId)).toBe(1);
    expect((await noticeOf('loudong', 'proposal_threshold')).path).toBe(`/proposals/${proposalId}`);
  });

  it('answered officially: the author and the seconders are told, in the decider’s words', async () => {
    const proposalId = await submitted();
    await t.ok(proposalEndpoints.second, { cookie: await t.login('yezhu'), params: { proposalId }, body: {} });
    const staff = await t.login('zhanzhang');
    await failsThenWorks(async () => {
      const answer = await t.api(proposalEndpoints.decide, {
        cookie: staff,
        params: { proposalId },
        body: { action: 'decline', reason: '台阶属市政道路，已转交城管处理' },
      });
      if (!answer.ok) expect(await eventsOf('proposal_answered', proposalId)).toBe(0);
      return answer;
    });
    expect(await noticed('proposal_answered', proposalId)).toEqual(['loudong', 'yezhu']);
    const notice = await noticeOf('yezhu', 'proposal_answered');
    expect(notice.path).toBe(`/proposals/${proposalId}`);
    expect(notice.body['zh-CN']).toContain('台阶属市政道路，已转交城管处理');
  });
});

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
  const ask = (cookie: string, meetingId: string, text: string) =>
    t.api(eveningTalkEndpoints.submit, { cookie, params: { meetingId }, body: { text, category: 'facilities' } });

  it('recorded: the resident who asked keeps a receipt linking to the talk; a question recorded from the floor tells nobody', async () => {
    const { staff, meetingId } = await talkInSession();
    const yezhu = await t.login('yezhu');
    const asked = await failsThenWorks(async () => {
      const answer = await ask(yezhu, meetingId, '2栋单元门禁经常刷不开');
      if (!answer.ok) expect(await t.deps.db.selectFrom('meeting_questions').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(0);
      return answer;
    });
    expect(await noticed('concern_recorded', asked.id)).toEqual(['yezhu']);
    expect((await noticeOf('yezhu', 'concern_recorded')).path).toBe(`/meetings/${meetingId}`);
    const fromFloor = await t.ok(eveningTalkEndpoints.submit, {
      cookie: staff,
      params: { meetingId },
      body: { text: '落叶清扫', category: 'environment', askerName: '3栋 李阿姨' },
    });
    expect(await noticed('concern_recorded', fromFloor.id)).toEqual([]);
  });

  it('answered on the spot: the asker is told the answer', async () => {
    const { staff, meetingId } = await talkInSession();
    const asked = await t.ok(eveningTalkEndpoints.submit, {
      cookie: await t.login('jumin'),
      params: { meetingId },
      body: { text: '东门路灯坏了', category: 'facilities' },
    });
    await t.ok(meetingEndpoints.start, { cookie: staff, params: { meetingId } });
    await failsThenWorks(async () => {
      const answer = await t.api(eveningTalkEndpoints.answer, {
        cookie: staff,
        params: { meetingId, questionId: asked.id },
        body: { answer: '物业明天更换灯泡', answeredByName: '物业 吴涛' },
      });
      if (!answer.ok) expect(await eventsOf('concern_answered', asked.id)).toBe(0);
      return answer;
    });
    expect(await noticed('concern_answered', asked.id)).toEqual(['jumin']);
    expect((await noticeOf('jumin', 'concern_answered')).body['zh-CN']).toContain('物业明天更换灯泡');
  });

  it('listed as an action item: the asker is told its due date and link; the responsible unit gets the item', async () => {
    const { staff, meetingId } = await talkInSession();
    const asked = await t.ok(eveningTalkEndpoints.submit, {
      cookie: await t.login('jumin'),
      params: { meetingId },
      body: { text: '地下车库漏水', category: 'facilities' },
    });
    await t.ok(meetingEndpoints.start, { cookie: staff, params: { meetingId } });
    const listed = await failsThenWorks(async () => {
      const answer = await t.api(eveningTalkEndpoints.list, {
        cookie: staff,
        params: { meetingId, questionId: asked.id },
        body: { measures: '五个工作日内整改', responsibleUnit: 'property_manager' },
      });
      if (!answer.ok) expect(await t.deps.db.selectFrom('action_items').select('id').where('source_id', '=', asked.id).execute()).toHaveLength(0);
      return answer;
    });
    expect(await noticed('concern_listed', asked.id)).toEqual(['jumin']);
    expect((await noticeOf('jumin', 'concern_listed')).path).toBe(`/action-items/${listed.actionItemId}`);
    expect(await noticed('item_assigned', listed.actionItemId)).toEqual(['wuye']);
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
    const concern = await failsThenWorks(async () => {
      const answer = await report(yezhu);
      if (!answer.ok) expect(await t.deps.db.selectFrom('action_items').select('id').where('title', '=', '3栋门口积水').execute()).toHaveLength(0);
      return answer;
    });
    expect(await noticed('concern_recorded', concern.id)).toEqual(['yezhu']);
    expect((await noticeOf('yezhu', 'concern_recorded')).path).toBe(`/action-items/${concern.id}`);

    const worker = await t.login('wangge');
    await failsThenWorks(async () => {
      const answer = await t.api(actionItemEndpoints.progress, {
        cookie: worker,
        params: { itemId: concern.id },
        body: { text: '已联系物业疏通雨水井', photos: [] },
      });
      if (!answer.ok) expect(await eventsOf('concern_answered', concern.id)).toBe(0);
      return answer;
    });
    expect(await noticed('concern_answered', concern.id)).toEqual(['yezhu']);
    expect((await noticeOf('yezhu', 'concern_answered')).body['zh-CN']).toContain('已联系物业疏通雨水井');
    // Later updates are progress, not a new answer.
    await t.ok(actionItemEndpoints.progress, { cookie: worker, params: { itemId: concern.id }, body: { text: '疏通完成', photos: [] } });
    expect(await eventsOf('concern_answered', concern.id)).toBe(1);
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
    const item = await failsThenWorks(() =>
      t.api(actionItemEndpoints.create, {
        cookie: chief,
        params: { compoundId: dsct },
        body: { title: '中心花园绿化补种', description: '补种冬青', source, responsibleUnit: 'property_manager' },
      }),
    );
    expect(await noticed('item_assigned', item.id)).toEqual(['wuye']);
    expect((await noticeOf('wuye', 'item_assigned')).path).toBe(`/action-items/${item.id}`);

    await failsThenWorks(() =>
      t.api(actionItemEndpoints.edit, { cookie: chief, params: { itemId: item.id }, body: { responsibleUnit: 'department:区城市管理局' } }),
    );
    expect(await noticed('item_assigned', item.id)).toEqual(['chengguan', 'wuye']);
    // Changing only the measures assigns nothing.
    await t.ok(actionItemEndpoints.edit, { cookie: chief, params: { itemId: item.id }, body: { measures: '春季补种' } });
    expect(await eventsOf('item_assigned', item.id)).toBe(2);

    const own = await t.ok(actionItemEndpoints.create, {
      cookie: await t.login('wuye'),
      params: { compoundId: dsct },
      body: { title: '楼道灯更换', description: '', source, responsibleUnit: 'property_manager' },
    });
    expect(await noticed('item_assigned', own.id)).toEqual([]);
  });

  it('signed off: the resident who raised it is asked to rate; rated unsatisfied: the unit and the station are told it is reopened', async () => {
    const yezhu = await t.login('yezhu');
    const concern = (await report(yezhu)).data!;
    const chief = await t.login('zhanzhang');
    await t.ok(actionItemEndpoints.edit, { cookie: chief, params: { itemId: concern.id }, body: { responsibleUnit: 'property_manager' } });
    const wuye = await t.login('wuye');
    await t.ok(actionItemEndpoints.resolve, { cookie: wuye, params: { itemId: concern.id }, body: { evidence: '已疏通雨水井', photos: [] } });
    const signed = await failsThenWorks(async () => {
      const answer = await t.api(actionItemEndpoints.signOff, { cookie: chief, params: { itemId: concern.id }, body: { resolution: '积水已排除' } });
      if (!answer.ok)
        expect(await t.deps.db.selectFrom('action_items').select('status').where('id', '=', concern.id).executeTakeFirstOrThrow()).toEqual({
          status: 'resolved',
        });
      return answer;
    });
    expect(await noticed('item_rate', concern.id)).toEqual(['yezhu']);
    const rate = await noticeOf('yezhu', 'item_rate');
    expect(rate.path).toBe(`/action-items/${concern.id}`);
    expect(rate.body['zh-CN']).toContain(signed.signOffNumber);

    await failsThenWorks(() =>
      t.api(actionItemEndpoints.rate, { cookie: yezhu, params: { itemId: concern.id }, body: { rating: 'dissatisfied', comment: '下雨又积水了' } }),
    );
    // The property manager's representative and the station; not the resident who rated.
    expect(await noticed('item_reopened', concern.id)).toEqual(['fuzhan', 'wangge', 'wuye', 'yeweihui', 'zhanzhang']);
    expect((await noticeOf('wuye', 'item_reopened')).path).toBe(`/action-items/${concern.id}`);
  });
});
