/**
 * Every event a feature reports, through the API of the real app: the action is done as a user
 * would do it, then exactly the right people have an in-app notice of the right kind, linking to the
 * right page, and the one who did it has none. Each action is first made to fail at its last
 * statement (the notices' own bookkeeping): the whole action is rolled back and no notice is left,
 * then it is done again for real. Votes, meetings and proposals here; concerns and action items in
 * notification-events-concerns.test.ts.
 */
import { meetingEndpoints, minutesEndpoints, proposalEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { eventsOf, failsThenWorks, noticeOf, noticed } from '../testing/notice-checks.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { runNotificationSchedule } from './notification-scheduler.js';
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
    await failsThenWorks(t, async () => {
      const answer = await t.api(voteEndpoints.open, { cookie: staff, params: { voteId } });
      if (!answer.ok) {
        expect(await eventsOf(t, 'vote_opened', voteId)).toBe(0);
        expect((await t.deps.db.selectFrom('votes').select('status').where('id', '=', voteId).executeTakeFirstOrThrow()).status).toBe('draft');
      }
      return answer;
    });
    const owners = await ownerLogins();
    expect(owners).toEqual(expect.arrayContaining(['yezhu', 'yezhu2']));
    expect(await noticed(t, 'vote_opened', voteId)).toEqual(owners);
    // Residents who own nothing and the organiser are not on the roll.
    expect(owners).not.toContain('jumin');
    expect(owners).not.toContain('zhanzhang');
    const notice = await noticeOf(t, 'yezhu', 'vote_opened');
    expect(notice).toMatchObject({ path: `/votes/${voteId}`, title: { 'zh-CN': '表决开始：是否更换小区门禁系统' } });
  });

  it('opened by the scheduler at its time: the same owners are told', async () => {
    const voteId = await create(await t.login('zhanzhang'), inDays(1));
    expect(await eventsOf(t, 'vote_opened', voteId)).toBe(0);
    const later = new Date(Date.now() + 1.5 * DAY);
    t.deps.clock = () => later;
    expect((await settleDueVotes(t.deps)).opened).toBe(1);
    expect(await noticed(t, 'vote_opened', voteId)).toEqual(await ownerLogins());
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
    const reminded = await noticed(t, 'vote_closing', voteId);
    expect(reminded).toContain('yezhu');
    expect(reminded).not.toContain('yezhu2');
    expect(reminded).toEqual((await ownerLogins()).filter((login) => login !== 'yezhu2'));
  });

  it('result published when the organiser closes it: the owners are told whether it passed', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await create(staff);
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login('yezhu2'), params: { voteId }, body: { choices: ['yes'] } });
    await failsThenWorks(t, async () => {
      const answer = await t.api(voteEndpoints.close, { cookie: staff, params: { voteId } });
      // Closing is three steps (votes.service.ts): a failure while the result is written leaves the vote closed to
      // ballots with no result and nobody told; the organiser's next click finishes it, and is told it is closed.
      if (answer.status === 500) {
        const vote = await t.deps.db.selectFrom('votes').select('result_json').where('id', '=', voteId).executeTakeFirstOrThrow();
        expect(vote.result_json).toBeNull();
        expect(await eventsOf(t, 'vote_result', voteId)).toBe(0);
      }
      return answer.error?.code === 'vote_already_closed' ? { ...answer, ok: true } : answer;
    });
    expect(await noticed(t, 'vote_result', voteId)).toEqual(await ownerLogins());
    const notice = await noticeOf(t, 'yezhu2', 'vote_result');
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
    await failsThenWorks(t, async () => {
      const answer = await t.api(meetingEndpoints.schedule, { cookie, params: { meetingId } });
      if (!answer.ok) expect(await eventsOf(t, 'meeting_scheduled', meetingId)).toBe(0);
      return answer;
    });
    const told = await noticed(t, 'meeting_scheduled', meetingId);
    // The parties' representatives invited to the council, and the owners and residents.
    expect(told).toEqual(expect.arrayContaining(['chengguan', 'fuzhan', 'wuye', 'yeweihui', 'zhujian', 'yezhu', 'yezhu2', 'jumin']));
    expect(told).not.toContain('jiedao');
    // Another compound's station chief is not told.
    expect(told).not.toContain('cuiyuan');
    const notice = await noticeOf(t, 'yezhu', 'meeting_scheduled');
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
    const scheduled = await noticed(t, 'meeting_scheduled', meetingId);
    const chief = await t.login('zhanzhang');
    await failsThenWorks(t, async () => {
      const answer = await t.api(meetingEndpoints.cancel, { cookie: chief, params: { meetingId } });
      if (!answer.ok) expect(await eventsOf(t, 'meeting_cancelled', meetingId)).toBe(0);
      return answer;
    });
    const told = await noticed(t, 'meeting_cancelled', meetingId);
    expect(told).toEqual(expect.arrayContaining(['chengguan', 'yeweihui', 'yezhu', 'jumin']));
    expect(told).not.toContain('zhanzhang');
    expect(told).not.toContain('cuiyuan');
    expect(told.every((who) => scheduled.includes(who) || who === 'jiedao')).toBe(true);
    const notice = await noticeOf(t, 'yezhu', 'meeting_cancelled');
    expect(notice.path).toBe(`/meetings/${meetingId}`);
    expect(notice.title['zh-CN']).toBe('会议取消：取消测试议事会');
    expect(notice.body['zh-CN']).toMatch(/^原定.+在都市春天服务站二楼召开的“取消测试议事会”已取消，请勿前往。$/);
  });

  it('minutes published: attendees and residents are told, with a link to the minutes; the publisher is not', async () => {
    const { meetingId } = await insertHeldMeeting(t.deps, { startsAt: new Date(Date.now() - 2 * DAY) });
    await t.ok(minutesEndpoints.generate, { cookie: await t.login('fuzhan'), params: { meetingId } });
    const chief = await t.login('zhanzhang');
    await failsThenWorks(t, async () => {
      const answer = await t.api(minutesEndpoints.publish, { cookie: chief, params: { meetingId }, body: { confirm: true } });
      if (!answer.ok) expect(await t.deps.db.selectFrom('minutes_versions').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(0);
      return answer;
    });
    const told = await noticed(t, 'minutes_published', meetingId);
    expect(told).toEqual(expect.arrayContaining(['yezhu', 'yezhu2', 'jumin']));
    expect(told).not.toContain('zhanzhang');
    expect((await noticeOf(t, 'jumin', 'minutes_published')).path).toBe(`/minutes/${meetingId}`);
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
    expect(await eventsOf(t, 'proposal_threshold', proposalId)).toBe(0);
    const jumin = await t.login('jumin');
    const qualified = await failsThenWorks(t, async () => {
      const answer = await t.api(proposalEndpoints.second, { cookie: jumin, params: { proposalId }, body: {} });
      if (!answer.ok) expect(await eventsOf(t, 'proposal_threshold', proposalId)).toBe(0);
      return answer;
    });
    expect(qualified.status).toBe('qualified');
    // The author, the station chief and deputies, the community's staff.
    expect(await noticed(t, 'proposal_threshold', proposalId)).toEqual(['fuzhan', 'loudong', 'shequ', 'wangge', 'wuye', 'yeweihui', 'zhanzhang']);
    // A later second does not tell anyone again.
    await t.ok(proposalEndpoints.second, { cookie: await t.login('yezhu2'), params: { proposalId }, body: {} });
    expect(await eventsOf(t, 'proposal_threshold', proposalId)).toBe(1);
    expect((await noticeOf(t, 'loudong', 'proposal_threshold')).path).toBe(`/proposals/${proposalId}`);
  });

  it('answered officially: the author and the seconders are told, in the decider’s words', async () => {
    const proposalId = await submitted();
    await t.ok(proposalEndpoints.second, { cookie: await t.login('yezhu'), params: { proposalId }, body: {} });
    const staff = await t.login('zhanzhang');
    await failsThenWorks(t, async () => {
      const answer = await t.api(proposalEndpoints.decide, {
        cookie: staff,
        params: { proposalId },
        body: { action: 'decline', reason: '台阶属市政道路，已转交城管处理' },
      });
      if (!answer.ok) expect(await eventsOf(t, 'proposal_answered', proposalId)).toBe(0);
      return answer;
    });
    expect(await noticed(t, 'proposal_answered', proposalId)).toEqual(['loudong', 'yezhu']);
    const notice = await noticeOf(t, 'yezhu', 'proposal_answered');
    expect(notice.path).toBe(`/proposals/${proposalId}`);
    expect(notice.body['zh-CN']).toContain('台阶属市政道路，已转交城管处理');
  });
});
