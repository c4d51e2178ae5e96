import { proposalEndpoints, voteEndpoints, type BodyInput } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const second = (cookie: string, proposalId: string) => t.api(proposalEndpoints.second, { cookie, params: { proposalId }, body: {} });
const decide = (cookie: string, proposalId: string, body: BodyInput<typeof proposalEndpoints.decide>) =>
  t.api(proposalEndpoints.decide, { cookie, params: { proposalId }, body });
const view = (cookie: string, proposalId: string) => t.ok(proposalEndpoints.get, { cookie, params: { proposalId } });
const listed = async (cookie: string) => (await t.ok(proposalEndpoints.list, { cookie, params: { compoundId: dsct }, query: { limit: 200 } })).items;

describe('resident proposals', () => {
  it('seeded: one qualified proposal and one still collecting seconds', async () => {
    const { items: proposals } = await t.ok(proposalEndpoints.publicList, { params: { compoundId: dsct } });
    expect(proposals.map((p) => [p.title, p.status, p.seconds])).toEqual(
      expect.arrayContaining([
        ['增设电动自行车充电设施', 'qualified', 4],
        ['东门增设快递柜', 'seconding', 1],
      ]),
    );
    // The public board names proposers by surname only.
    expect(proposals.map((p) => p.authorName).sort()).toEqual(['刘*', '王**']);
    // Both lists page newest first, the id breaking ties: five more proposals, all seven at one instant,
    // pages of 2 end inside the tie; each proposal once, with its seconds counted on its page.
    const author = await t.login('loudong');
    for (let i = 1; i <= 5; i++) {
      const created = await t.api(proposalEndpoints.submit, {
        cookie: author,
        params: { compoundId: dsct },
        body: { title: `楼道提案${i}`, body: `第${i}条提案：楼道里的照明需要更换。` },
      });
      expect(created.status).toBe(201);
    }
    await t.deps.db.updateTable('proposals').set({ created_at: '2026-11-20T02:00:00.000Z' }).where('compound_id', '=', dsct).execute();
    const all = await t.deps.db.selectFrom('proposals').select('id').where('compound_id', '=', dsct).orderBy('id', 'desc').execute();
    expect(all).toHaveLength(7);
    const staff = await t.login('zhanzhang');
    for (const [path, cookie] of [
      [`/public/compounds/${dsct}/proposals`, undefined],
      [`/compounds/${dsct}/proposals`, staff],
    ] as const) {
      const read = await pageThrough<{ id: string; title: string; seconds: number }>((after) => t.call('GET', listUrl(path, { after, limit: 2 }), { cookie }));
      expect([read.pages, repeated(read.items.map((p) => p.id))]).toEqual([4, []]);
      expect(read.items.map((p) => p.id)).toEqual(all.map((p) => p.id));
      expect(read.items.find((p) => p.title === '增设电动自行车充电设施')?.seconds).toBe(4);
    }
    // The seeded threshold: four households.
    expect(await t.ok(proposalEndpoints.settings, { cookie: await t.login('yezhu'), params: { compoundId: dsct } })).toEqual({
      threshold: { kind: 'count', units: 4 },
    });
  });

  it('submit, second once per household, qualify at the threshold, then the committee declines with a public reason; every step is recorded', async () => {
    const staff = await t.login('zhanzhang');
    expect(
      await t.ok(proposalEndpoints.changeSettings, { cookie: staff, params: { compoundId: dsct }, body: { threshold: { kind: 'count', units: 2 } } }),
    ).toEqual({
      threshold: { kind: 'count', units: 2 },
    });
    const author = await t.login('loudong');
    const created = await t.api(proposalEndpoints.submit, {
      cookie: author,
      params: { compoundId: dsct },
      body: { title: '单元门口加装扶手', body: '老人上下台阶容易摔倒，建议在各单元门口台阶加装不锈钢扶手。' },
    });
    expect(created.status).toBe(201);
    const id = created.data!.id;

    expect((await second(author, id)).error?.code).toBe('proposal_own');
    const yezhu = await t.login('yezhu');
    expect((await second(yezhu, id)).data).toEqual({ seconds: 1, status: 'seconding', needed: 1 });
    const twice = await second(yezhu, id);
    expect(twice.status).toBe(409);
    expect(twice.error?.message).toBe('您家已经附议过这条提案');
    expect((await second(await t.login('jumin'), id)).data).toEqual({ seconds: 2, status: 'qualified', needed: 0 });

    // Staff outside the compound and owners cannot decide.
    expect((await decide(yezhu, id, { action: 'decline', reason: '不行不行' })).status).toBe(403);
    expect((await decide(staff, id, { action: 'decline', reason: '已列入老旧小区改造计划，明年统一实施' })).data).toEqual({ ok: true });
    expect((await decide(staff, id, { action: 'put_on_agenda' })).status).toBe(409);

    const detail = await view(yezhu, id);
    expect(detail.proposal).toMatchObject({ status: 'declined', statusText: '不予采纳', decisionReason: '已列入老旧小区改造计划，明年统一实施' });
    expect(detail.me).toEqual({ isAuthor: false, seconded: true, canSecond: false });
    expect(detail.history.map((h) => [h.status, h.actorName])).toEqual([
      ['seconding', '何秀英'],
      ['qualified', '系统'],
      ['declined', '陈志强'],
    ]);
    expect(detail.history[1]?.note).toBe('2 户附议即可提交议事');
    // The system's own step reads in the reader's language; the committee's reason stays as written.
    const inEnglish = await t.ok(proposalEndpoints.get, { cookie: yezhu, params: { proposalId: id }, headers: { 'accept-language': 'en' } });
    expect(inEnglish.history.map((h) => [h.statusText, h.actorName, h.note])).toEqual([
      ['Collecting seconds', '何秀英', ''],
      ['Qualified; awaiting the committee', 'System', '2 seconding households qualify it'],
      ['Declined', '陈志强', '已列入老旧小区改造计划，明年统一实施'],
    ]);
  });

  it('a proposal put to a vote records it', async () => {
    const staff = await t.login('zhanzhang');
    const qualified = (await listed(staff)).find((p) => p.status === 'qualified')!;
    const vote = await t.api(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: {
        title: qualified.title,
        kind: 'yes_no',
        rule: { kind: 'art278', matter: 8 },
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        sourceKind: 'proposal',
        sourceId: qualified.id,
      },
    });
    expect(vote.status).toBe(201);
    const detail = await view(staff, qualified.id);
    expect(detail.proposal).toMatchObject({ status: 'put_to_vote', voteId: vote.data!.id });
    expect(detail.history.at(-1)).toMatchObject({ status: 'put_to_vote', actorName: '陈志强', note: qualified.title });
  });

  it('the committee merges a proposal into another; the merged one names where it went', async () => {
    const staff = await t.login('zhanzhang');
    const proposals = await listed(staff);
    const lockers = proposals.find((p) => p.title === '东门增设快递柜')!;
    const charging = proposals.find((p) => p.title === '增设电动自行车充电设施')!;
    expect((await decide(staff, lockers.id, { action: 'merge', intoProposalId: lockers.id })).status).toBe(400);
    expect((await decide(staff, lockers.id, { action: 'merge', intoProposalId: charging.id, note: '一并改造东门' })).status).toBe(200);
    const detail = await view(staff, lockers.id);
    expect(detail.proposal).toMatchObject({ status: 'merged', mergedIntoId: charging.id });
    expect(detail.history.at(-1)).toMatchObject({ status: 'merged', actorName: '陈志强', note: '增设电动自行车充电设施：一并改造东门' });
    // A merged proposal takes no more seconds.
    expect((await second(await t.login('yeweihui'), lockers.id)).status).toBe(409);
  });
});
