import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const json = async (res: Response): Promise<any> => res.json();

describe('resident proposals', () => {
  it('seeded: one qualified proposal and one still collecting seconds', async () => {
    const { proposals } = await json(await t.call('GET', `/api/public/compounds/${dsct}/proposals`));
    expect(proposals.map((p: any) => [p.title, p.status, p.seconds])).toEqual(
      expect.arrayContaining([
        ['增设电动自行车充电设施', 'qualified', 4],
        ['东门增设快递柜', 'seconding', 1],
      ]),
    );
    // The public board names proposers by surname only.
    expect(proposals.map((p: any) => p.authorName).sort()).toEqual(['刘*', '王**']);
  });

  it('submit, second once per household, qualify at the threshold, then the committee declines with a public reason; every step is recorded', async () => {
    const staff = await t.login('zhanzhang');
    expect((await t.call('PUT', `/api/compounds/${dsct}/proposal-settings`, { cookie: staff, json: { threshold: { kind: 'count', units: 2 } } })).status).toBe(200);
    const author = await t.login('loudong');
    const created = await t.call('POST', `/api/compounds/${dsct}/proposals`, { cookie: author, json: { title: '单元门口加装扶手', body: '老人上下台阶容易摔倒，建议在各单元门口台阶加装不锈钢扶手。' } });
    expect(created.status).toBe(201);
    const { id } = await json(created);

    const own = await t.call('POST', `/api/proposals/${id}/seconds`, { cookie: author, json: {} });
    expect((await json(own)).error.code).toBe('proposal_own');
    const yezhu = await t.login('yezhu');
    const s1 = await json(await t.call('POST', `/api/proposals/${id}/seconds`, { cookie: yezhu, json: {} }));
    expect(s1).toMatchObject({ seconds: 1, status: 'seconding', needed: 1 });
    const twice = await t.call('POST', `/api/proposals/${id}/seconds`, { cookie: yezhu, json: {} });
    expect(twice.status).toBe(409);
    expect((await json(twice)).error.message).toBe('您家已经附议过这条提案');
    const s2 = await json(await t.call('POST', `/api/proposals/${id}/seconds`, { cookie: await t.login('jumin'), json: {} }));
    expect(s2).toMatchObject({ seconds: 2, status: 'qualified', needed: 0 });

    // Staff outside the compound and owners cannot decide.
    expect((await t.call('POST', `/api/proposals/${id}/decision`, { cookie: yezhu, json: { action: 'decline', reason: '不行不行' } })).status).toBe(403);
    const declined = await t.call('POST', `/api/proposals/${id}/decision`, { cookie: staff, json: { action: 'decline', reason: '已列入老旧小区改造计划，明年统一实施' } });
    expect(declined.status).toBe(200);
    const again = await t.call('POST', `/api/proposals/${id}/decision`, { cookie: staff, json: { action: 'put_on_agenda' } });
    expect(again.status).toBe(409);

    const view = await json(await t.call('GET', `/api/proposals/${id}`, { cookie: yezhu }));
    expect(view.proposal).toMatchObject({ status: 'declined', decisionReason: '已列入老旧小区改造计划，明年统一实施' });
    expect(view.history.map((h: any) => [h.status, h.actorName])).toEqual([
      ['seconding', '何秀英'],
      ['qualified', '系统'],
      ['declined', '陈志强'],
    ]);
  });

  it('a proposal put to a vote records it', async () => {
    const staff = await t.login('zhanzhang');
    const { proposals } = await json(await t.call('GET', `/api/compounds/${dsct}/proposals`, { cookie: staff }));
    const qualified = proposals.find((p: any) => p.status === 'qualified');
    const res = await t.call('POST', `/api/compounds/${dsct}/votes`, {
      cookie: staff,
      json: { title: qualified.title, kind: 'yes_no', rule: { kind: 'art278', matter: 8 }, closesAt: new Date(Date.now() + 86_400_000).toISOString(), sourceKind: 'proposal', sourceId: qualified.id },
    });
    expect(res.status).toBe(201);
    const view = await json(await t.call('GET', `/api/proposals/${qualified.id}`, { cookie: staff }));
    expect(view.proposal).toMatchObject({ status: 'put_to_vote', voteId: (await json(res)).id });
  });

  it('the committee merges a proposal into another; the merged one names where it went', async () => {
    const staff = await t.login('zhanzhang');
    const { proposals } = await json(await t.call('GET', `/api/compounds/${dsct}/proposals`, { cookie: staff }));
    const lockers = proposals.find((p: any) => p.title === '东门增设快递柜');
    const charging = proposals.find((p: any) => p.title === '增设电动自行车充电设施');
    expect((await t.call('POST', `/api/proposals/${lockers.id}/decision`, { cookie: staff, json: { action: 'merge', intoProposalId: lockers.id } })).status).toBe(400);
    expect((await t.call('POST', `/api/proposals/${lockers.id}/decision`, { cookie: staff, json: { action: 'merge', intoProposalId: charging.id, note: '一并改造东门' } })).status).toBe(200);
    const view = await json(await t.call('GET', `/api/proposals/${lockers.id}`, { cookie: staff }));
    expect(view.proposal).toMatchObject({ status: 'merged' });
    expect(view.history.at(-1)).toMatchObject({ status: 'merged', actorName: '陈志强', note: '增设电动自行车充电设施：一并改造东门' });
    // A merged proposal takes no more seconds.
    expect((await t.call('POST', `/api/proposals/${lockers.id}/seconds`, { cookie: await t.login('yeweihui'), json: {} })).status).toBe(409);
  });
});
