/**
 * "What needs me" (GET /api/me/home) for a proxy holder (委托代投): the demo owner 王建国 authorises
 * the tenant 赵磊 (no flat of his own; later none on the roster at all) for his flats in the open vote. Once confirmed — not while pending — the holder's home lists the vote with the flats he
 * may vote for and whose they are; a flat leaves the list once voted (by the proxy or by its owner)
 * and when the authorisation is revoked. However many authorisations, the home costs the same statements.
 */
import { homeEndpoints, proxyEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { statementLog } from '../testing/statement-log.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const TITLE = '利用小区共有场地建设电动自行车充电棚';
const WANG = '13800000001';
const TENANT = '13600000001';

let t: TestApp;
const now = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China
const { log, counted } = statementLog();
beforeEach(async () => {
  t = await createTestApp({ clock: () => now, log });
});
afterEach(() => t.close());

const home = async (login: string) => t.ok(homeEndpoints.get, { cookie: await t.login(login) });

/** The open demo vote and 王建国's two flats on its roll (1栋1单元301, 2栋2单元502). */
async function demoVote() {
  const [ballot] = (await home('yezhu')).owner!.ballots.entries;
  expect(ballot!.title).toBe(TITLE);
  const unit = (label: string) => ballot!.notVoted.find((u) => u.label === label)!.voterKey;
  return { voteId: ballot!.voteId, closesAt: ballot!.closesAt, first: unit('1栋1单元301'), second: unit('2栋2单元502') };
}

/** Staff record an authorisation brought in person: confirmed at once. */
async function authoriseInPerson(voteId: string, unitIds: string[], proxyPhone: string, principalPhone = WANG) {
  const staff = await t.login('zhanzhang');
  const formPhotoId = await uploadVotePhoto(t, staff, voteId);
  return t.ok(proxyEndpoints.createInPerson, { cookie: staff, params: { voteId }, body: { unitIds, principalPhone, proxyPhone, formPhotoId } });
}

describe('the votes a proxy holder may cast for others', () => {
  it("a tenant sees the owner's flat once the owner confirmed, until he has cast its ballot", async () => {
    const vote = await demoVote();
    const owner = await t.login('yezhu');
    const before = (await home('jumin')).owner!.ballots;
    expect(before.entries.map((b) => b.voteId)).not.toContain(vote.voteId);

    // Pending (the owner has not typed the SMS code yet): the tenant may not vote, so it is not on his home.
    const formPhotoId = await uploadVotePhoto(t, owner, vote.voteId);
    const { proxy } = await t.ok(proxyEndpoints.create, {
      cookie: owner,
      params: { voteId: vote.voteId },
      body: { unitIds: [vote.first], proxyPhone: TENANT, formPhotoId },
    });
    expect((await home('jumin')).owner!.ballots).toEqual(before);

    const code = /验证码为(\d{6})/.exec(t.smsLog.at(-1) ?? '')![1]!;
    await t.ok(proxyEndpoints.confirm, { cookie: owner, params: { voteId: vote.voteId, proxyId: proxy.id }, body: { code } });
    const held = (await home('jumin')).owner!.ballots;
    expect(held.total).toBe(before.total + 1);
    expect(held.entries.find((b) => b.voteId === vote.voteId)).toEqual({
      voteId: vote.voteId,
      title: TITLE,
      compoundId: await t.compoundId('DSCT'),
      compoundName: '都市春天小区',
      closesAt: vote.closesAt,
      timeLeft: expect.objectContaining({ overdue: false }),
      notVoted: [],
      proxyFor: [{ voterKey: vote.first, label: '1栋1单元301', principalName: '王*国' }],
    });

    await t.ok(proxyEndpoints.cast, { cookie: await t.login('jumin'), params: { voteId: vote.voteId }, body: { unitId: vote.first, choices: ['yes'] } });
    expect((await home('jumin')).owner!.ballots).toEqual(before);
  });

  it('someone with no flat on the roster any more: an owner part with only the vote; a flat its owner voted for himself leaves it, and a revoked authorisation', async () => {
    const vote = await demoVote();
    const proxy = await authoriseInPerson(vote.voteId, [vote.first, vote.second], TENANT);
    // The tenant moves out: the roster no longer has him in any flat, but the authorisation stands.
    const tenant = await t.deps.db.selectFrom('persons').select('id').where('phone', '=', TENANT).executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('residencies').where('person_id', '=', tenant.id).execute();

    expect((await home('jumin')).owner).toEqual({
      ballots: { total: 1, entries: [expect.objectContaining({ voteId: vote.voteId, notVoted: [], proxyFor: expect.any(Array) })] },
      concerns: { total: 0, entries: [] },
      questions: { total: 0, entries: [] },
      toRate: { total: 0, entries: [] },
    });
    expect((await home('jumin')).owner!.ballots.entries[0]!.proxyFor.map((u) => u.label)).toEqual(['1栋1单元301', '2栋2单元502']);

    // The owner's own ballot wins: his flat is no longer the proxy's to vote for.
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login('yezhu'), params: { voteId: vote.voteId }, body: { unitId: vote.first, choices: ['no'] } });
    expect((await home('jumin')).owner!.ballots.entries[0]!.proxyFor).toEqual([{ voterKey: vote.second, label: '2栋2单元502', principalName: '王*国' }]);

    await t.ok(proxyEndpoints.revoke, { cookie: await t.login('yezhu'), params: { voteId: vote.voteId, proxyId: proxy.id } });
    expect((await home('jumin')).owner).toBeNull();
  });

  it('an owner holding a proxy in a vote of his own: one entry, his flats and the ones he votes for beside them', async () => {
    const vote = await demoVote();
    await authoriseInPerson(vote.voteId, [vote.first], '13800000002');
    const entry = (await home('yezhu2')).owner!.ballots.entries.find((b) => b.voteId === vote.voteId)!;
    expect(entry.notVoted.map((u) => u.label)).toEqual(['1栋1单元101']);
    expect(entry.proxyFor.map((u) => u.label)).toEqual(['1栋1单元301']);
  });

  it('the home of a holder of authorisations in two votes over three flats costs the statements of one with none', async () => {
    const vote = await demoVote();
    const cookie = await t.login('jumin');
    const read = () => counted(() => t.ok(homeEndpoints.get, { cookie }));
    await read(); // the session's actor built and kept (auth/actor-cache.ts)
    const none = await read();

    await authoriseInPerson(vote.voteId, [vote.first, vote.second], TENANT);
    const staff = await t.login('zhanzhang');
    const closesAt = new Date(now.getTime() + 3 * 86_400_000).toISOString();
    const body = { title: '是否同意更换小区门禁系统', kind: 'yes_no', rule: { kind: 'simple_majority' }, secret: false, closesAt } as const;
    const { id: second } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: await t.compoundId('DSCT') }, body });
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: second } });
    const liu = (await home('yezhu2')).owner!.ballots.entries.find((b) => b.voteId === second)!.notVoted[0]!;
    await authoriseInPerson(second, [liu.voterKey], TENANT, '13800000002');

    const three = await read();
    // Soonest closing first: the new vote closes in 3 days.
    expect(three.answer.owner!.ballots.entries.map((b) => [b.title, b.proxyFor.map((u) => u.label)])).toEqual([
      ['是否同意更换小区门禁系统', ['1栋1单元101']],
      [TITLE, ['1栋1单元301', '2栋2单元502']],
    ]);
    // The same statements (as a set: the parts run at once, and on PostgreSQL's pool they are logged as they start).
    expect([...three.statements].sort()).toEqual([...none.statements].sort());
    // The session, the compounds, the owner part's four lists, and the flats held as proxy (the one statement this adds).
    expect(three.statements).toHaveLength(7);
  });
});
