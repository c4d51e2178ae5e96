/**
 * "What needs me" (GET /api/me/home) on the demo neighbourhood: an owner sees the open vote his
 * units have not voted in (per unit), his concern and what waits for his rating; a station chief sees
 * the overdue items, the resolved ones waiting for his sign-off, a grid worker the items given to the grid, today's meeting, then its minutes with
 * the time left, and the vote closing with its turnout against 2/3. Each part only for the roles it is for.
 */
import { HOME_LIST_LIMIT, actionItemEndpoints, eveningTalkEndpoints, homeEndpoints, meetingEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const home = async (login: string) => t.ok(homeEndpoints.get, { cookie: await t.login(login) });

describe('what needs an owner', () => {
  it('the open vote, per unit not voted yet; a unit that votes drops off, and the vote with it once all have', async () => {
    const cookie = await t.login('yezhu');
    const before = await t.ok(homeEndpoints.get, { cookie });
    expect(before.staff).toBeNull();
    const [ballot] = before.owner!.ballots.entries;
    expect(ballot).toMatchObject({ title: '利用小区共有场地建设电动自行车充电棚', compoundName: '都市春天小区', timeLeft: { overdue: false } });
    expect(ballot!.notVoted.map((u) => u.label).sort()).toEqual(['1栋1单元301', '2栋2单元502']);

    const [first, second] = ballot!.notVoted;
    await t.ok(voteEndpoints.castBallot, { cookie, params: { voteId: ballot!.voteId }, body: { unitId: first!.voterKey, choices: ['yes'] } });
    const after = await t.ok(homeEndpoints.get, { cookie });
    expect(after.owner!.ballots.entries[0]!.notVoted).toEqual([second]);
    await t.ok(voteEndpoints.castBallot, { cookie, params: { voteId: ballot!.voteId }, body: { unitId: second!.voterKey, choices: ['no'] } });
    expect((await t.ok(homeEndpoints.get, { cookie })).owner!.ballots).toEqual({ total: 0, entries: [] });
  });

  it('my concerns with their status, and a signed-off outcome until I have rated it', async () => {
    const cookie = await t.login('yezhu');
    const reported = await t.ok(actionItemEndpoints.reportConcern, {
      cookie,
      params: { compoundId: dsct },
      body: { title: '5栋单元门闭门器坏了', description: '门关不上，冬天很冷' },
    });
    const mine = (await t.ok(homeEndpoints.get, { cookie })).owner!.concerns.entries;
    expect(mine.find((c) => c.itemId === reported.id)).toMatchObject({ status: 'open', overdue: false, awaitsMyRating: false });
    // The seeded bin concern is resolved, waiting for the station's sign-off.
    expect(mine.find((c) => c.title === '垃圾分类投放点有异味')).toMatchObject({ status: 'resolved' });

    // A council outcome signed off today: any owner may rate it.
    const staff = await t.login('zhanzhang');
    const item = await t.ok(actionItemEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: { title: '东门增设快递柜', source: { kind: 'council_outcome' }, responsibleUnit: 'property_manager' },
    });
    await t.ok(actionItemEndpoints.resolve, { cookie: await t.login('wuye'), params: { itemId: item.id }, body: { evidence: '快递柜已安装' } });
    const signed = await t.ok(actionItemEndpoints.signOff, { cookie: staff, params: { itemId: item.id }, body: { resolution: '已安装并投入使用' } });
    const toRate = (await t.ok(homeEndpoints.get, { cookie })).owner!.toRate.entries;
    expect(toRate.find((r) => r.itemId === item.id)).toMatchObject({ signOffNumber: signed.signOffNumber, mine: false });
    await t.ok(actionItemEndpoints.rate, { cookie, params: { itemId: item.id }, body: { rating: 'satisfied' } });
    expect((await t.ok(homeEndpoints.get, { cookie })).owner!.toRate.entries.map((r) => r.itemId)).not.toContain(item.id);
  });

  it('my evening-talk questions with where they stand and the answer, until one is put on the question list (then it is a concern)', async () => {
    const meetingId = (await t.deps.db.selectFrom('meetings').select('id').where('title', '=', '围庐夜话·冬季第一场').executeTakeFirstOrThrow()).id;
    const resident = await t.login('jumin');
    const ask = (text: string) => t.ok(eveningTalkEndpoints.submit, { cookie: resident, params: { meetingId }, body: { text, category: 'facilities' } });
    const lamp = await ask('3栋楼道灯不亮，晚上看不清台阶');
    const lockers = await ask('快递柜太少，经常放不下');
    const staff = await t.login('shequ');
    await t.ok(meetingEndpoints.start, { cookie: staff, params: { meetingId } });
    await t.ok(eveningTalkEndpoints.answer, {
      cookie: staff,
      params: { meetingId, questionId: lockers.id },
      body: { answer: '物业本月内再加一组快递柜', answeredByName: '物业 吴涛' },
    });

    const questions = async () => (await t.ok(homeEndpoints.get, { cookie: resident })).owner!.questions.entries;
    expect((await questions()).filter((q) => [lamp.id, lockers.id].includes(q.questionId))).toMatchObject([
      { questionId: lockers.id, number: lockers.number, status: 'answered', answer: '物业本月内再加一组快递柜', meetingTitle: '围庐夜话·冬季第一场' },
      {
        questionId: lamp.id,
        number: lamp.number,
        text: '3栋楼道灯不亮，晚上看不清台阶',
        status: 'raised',
        answer: null,
        meetingId,
        askedAt: now.toISOString(),
      },
    ]);
    // Nobody else's: the owner next door sees none of them.
    expect((await t.ok(homeEndpoints.get, { cookie: await t.login('yezhu') })).owner!.questions.entries.map((q) => q.questionId)).not.toContain(lamp.id);

    // Put on the question list, it becomes an action item and is followed among the asker's concerns.
    const { actionItemId } = await t.ok(eveningTalkEndpoints.list, {
      cookie: staff,
      params: { meetingId, questionId: lamp.id },
      body: { responsibleUnit: 'grid' },
    });
    const home = (await t.ok(homeEndpoints.get, { cookie: resident })).owner!;
    expect(home.questions.entries.map((q) => q.questionId)).not.toContain(lamp.id);
    expect(home.concerns.entries.map((c) => c.itemId)).toContain(actionItemId);

    // A month later the answered question has left the home page.
    now = new Date(now.getTime() + 31 * 86_400_000);
    const later = (await t.ok(homeEndpoints.get, { cookie: await t.login('jumin') })).owner!.questions.entries;
    expect(later.map((q) => q.questionId)).not.toContain(lockers.id);
  });
});

describe('what needs the station', () => {
  it(`a long list: the first ${HOME_LIST_LIMIT}, soonest due first, and how many in all`, async () => {
    const cookie = await t.login('zhanzhang');
    const body = (i: number) => ({
      title: `${i + 1}号楼道灯不亮`,
      source: { kind: 'council_outcome' as const },
      responsibleUnit: 'property_manager',
      deadlineWorkdays: 1,
    });
    for (let i = 0; i < HOME_LIST_LIMIT + 2; i++) await t.ok(actionItemEndpoints.create, { cookie, params: { compoundId: dsct }, body: body(i) });
    // Two weeks later (a new login: the session has lapsed meanwhile) every one of them is overdue.
    now = new Date(now.getTime() + 14 * 86_400_000);
    const due = (await home('zhanzhang')).staff!.dueItems;
    const all = (
      await t.ok(actionItemEndpoints.list, { cookie: await t.login('zhanzhang'), params: { compoundId: dsct }, query: { overdue: '1', limit: 200 } })
    ).items;
    expect(all.length).toBeGreaterThan(HOME_LIST_LIMIT + 2);
    expect(due.total).toBe(all.length);
    expect(due.entries).toHaveLength(HOME_LIST_LIMIT);
    const dueDates = all.map((i) => i.dueDate).sort();
    expect(due.entries.map((i) => i.dueDate)).toEqual(dueDates.slice(0, HOME_LIST_LIMIT));
  });

  it('overdue items, soonest due first, and the vote closing with its turnout against 2/3', async () => {
    const station = await home('zhanzhang');
    expect(station.owner).toBeNull();
    const overdue = station.staff!.dueItems;
    const list = await t.ok(actionItemEndpoints.list, { cookie: await t.login('zhanzhang'), params: { compoundId: dsct }, query: { overdue: '1' } });
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.total).toBe(list.items.length);
    expect(overdue.entries.every((i) => i.overdue && i.dueDate < '2026-11-16')).toBe(true);
    expect(overdue.entries.map((i) => i.dueDate)).toEqual([...overdue.entries.map((i) => i.dueDate)].sort());

    const [vote] = station.staff!.votesClosing.entries;
    expect(vote).toMatchObject({ title: '利用小区共有场地建设电动自行车充电棚', timeLeft: { overdue: false } });
    expect(vote!.progress.map((p) => [p.key, p.threshold, p.reached])).toEqual([
      ['participation_area', { num: 2, den: 3 }, false],
      ['participation_heads', { num: 2, den: 3 }, false],
    ]);
    expect(vote!.progress[1]!.text['zh-CN']).toMatch(/^参与表决人数 \d+ \/ \d+ 人（[\d.]+%），需 ≥ 2\/3，还差 \d+ 人$/);
  });

  it("a resolved item waits on the station chief's home for its sign-off, not on the home of whoever resolved it, and leaves it once signed off", async () => {
    const chief = await t.login('zhanzhang');
    const before = (await home('zhanzhang')).staff!.toSignOff;
    const resolverBefore = (await home('wuye')).staff!.toSignOff;
    const list = await t.ok(actionItemEndpoints.list, { cookie: chief, params: { compoundId: dsct }, query: { overdue: '1' } });
    const item = list.items[0]!;
    // The property company's head (a deputy of the station, who may sign off others' items) reports it resolved.
    await t.ok(actionItemEndpoints.resolve, { cookie: await t.login('wuye'), params: { itemId: item.id }, body: { evidence: '已更换灯具，现场照明恢复' } });
    const resolverWaiting = (await home('wuye')).staff!.toSignOff;
    expect(resolverWaiting.total).toBe(resolverBefore.total);
    expect(resolverWaiting.entries.some((i) => i.itemId === item.id)).toBe(false);

    const waiting = (await home('zhanzhang')).staff!.toSignOff;
    expect(waiting.total).toBe(before.total + 1);
    expect(waiting.entries.map((i) => i.resolvedAt)).toEqual([...waiting.entries.map((i) => i.resolvedAt)].sort());
    expect(waiting.entries.find((i) => i.itemId === item.id)).toMatchObject({ title: item.title, compoundName: '都市春天小区', resolvedAt: now.toISOString() });
    // Not for those who cannot sign off: a building head.
    expect((await home('loudong')).staff!.toSignOff.total).toBe(0);

    await t.ok(actionItemEndpoints.signOff, { cookie: chief, params: { itemId: item.id }, body: { resolution: '现场核实，照明已恢复' } });
    const after = (await home('zhanzhang')).staff!.toSignOff;
    expect(after.total).toBe(before.total);
    expect(after.entries.some((i) => i.itemId === item.id)).toBe(false);
  });

  it("an item given to the grid is on the grid worker's home until someone starts it; one given to the community on the community worker's", async () => {
    const chief = await t.login('zhanzhang');
    const create = (title: string, responsibleUnit: string) =>
      t.ok(actionItemEndpoints.create, { cookie: chief, params: { compoundId: dsct }, body: { title, responsibleUnit, source: { kind: 'proposal' } } });
    const before = (await home('wangge')).staff!.newItems.total;
    const forGrid = await create('3栋楼道堆放杂物', 'grid');
    const forCommunity = await create('协调加装电梯意见征集', 'community');

    const grid = (await home('wangge')).staff!.newItems;
    expect(grid.total).toBe(before + 1);
    expect(grid.entries.find((i) => i.itemId === forGrid.id)).toMatchObject({
      title: '3栋楼道堆放杂物',
      compoundName: '都市春天小区',
      responsibleUnit: 'grid',
      responsibleUnitLabel: { 'zh-CN': '网格员', en: 'Grid worker' },
      dueDate: forGrid.dueDate,
      listedAt: now.toISOString(),
    });
    expect(grid.entries.every((i) => i.responsibleUnit === 'grid' && i.dueDate > '2026-11-16')).toBe(true);
    expect(grid.entries.map((i) => i.dueDate)).toEqual([...grid.entries.map((i) => i.dueDate)].sort());
    const community = (await home('shequ')).staff!.newItems.entries;
    expect(community.map((i) => i.itemId)).toContain(forCommunity.id);
    expect(community.map((i) => i.itemId)).not.toContain(forGrid.id);
    // The station chief stands for no unit: he follows items by their due dates and sign-offs.
    expect((await home('zhanzhang')).staff!.newItems.total).toBe(0);

    await t.ok(actionItemEndpoints.progress, {
      cookie: await t.login('wangge'),
      params: { itemId: forGrid.id },
      body: { text: '已到现场，联系住户清理', onSite: true },
    });
    expect((await home('wangge')).staff!.newItems.entries.some((i) => i.itemId === forGrid.id)).toBe(false);
  });

  it("today's meeting, then once held its minutes with the time left to publish them", async () => {
    const jiedao = await t.login('jiedao');
    const created = await t.ok(meetingEndpoints.create, {
      cookie: jiedao,
      params: { compoundId: dsct },
      body: { kind: 'four_party', title: '东门停车议事会', startsAt: '2026-11-16T11:00:00.000Z', place: '都市春天服务站' },
    });
    const params = { meetingId: created.meeting.id };
    await storeSampleAgenda(t.deps.db, created.meeting.id, now);
    // A draft is not a meeting of today yet; its notice makes it one.
    expect((await home('zhanzhang')).staff!.meetingsToday.total).toBe(0);
    await t.ok(meetingEndpoints.schedule, { cookie: jiedao, params });
    const today = await home('zhanzhang');
    expect(today.staff!.meetingsToday.entries).toEqual([
      expect.objectContaining({ meetingId: created.meeting.id, title: '东门停车议事会', status: 'scheduled', place: '都市春天服务站' }),
    ]);
    // A building head (also an owner) sees today's meeting too, but no items to work on: those are not his.
    const loudong = await home('loudong');
    expect(loudong.owner).not.toBeNull();
    expect(loudong.staff!.meetingsToday.total).toBe(1);
    expect(loudong.staff!.dueItems.total).toBe(0);

    for (const a of created.attendance) await t.ok(meetingEndpoints.signIn, { cookie: jiedao, params: { ...params, attendanceId: a.id }, body: {} });
    now = new Date('2026-11-16T11:05:00.000Z');
    await t.ok(meetingEndpoints.start, { cookie: jiedao, params });
    now = new Date('2026-11-16T13:00:00.000Z');
    await t.ok(meetingEndpoints.close, { cookie: jiedao, params });
    const held = await home('zhanzhang');
    expect(held.staff!.meetingsToday.total).toBe(0);
    // Held on Monday at 19:05: due by the end of Thursday (3 days after), which from 21:00 on Monday is 3 days 2 hours.
    expect(held.staff!.minutes.entries).toEqual([
      expect.objectContaining({
        meetingId: created.meeting.id,
        kind: 'four_party',
        heldAt: '2026-11-16T11:05:00.000Z',
        timeLeft: expect.objectContaining({ overdue: false }),
      }),
    ]);
    expect(held.staff!.minutes.entries[0]!.timeLeft.label['zh-CN']).toBe('还剩 3 天 2 小时');
  });
});

it('asks for a login', async () => {
  expect((await t.api(homeEndpoints.get, {})).status).toBe(401);
});
