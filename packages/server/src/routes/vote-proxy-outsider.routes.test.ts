/**
 * A proxy who lives elsewhere (委托代投): the demo owner 王建国's daughter has an account from another
 * compound and no role at 都市春天. Once her father's authorisation is confirmed she sees the vote, her
 * authorisation and casts the flat's ballot; before it, and for a vote she holds nothing in, she is
 * refused (403), as anyone without a role there is.
 */
import { homeEndpoints, proxyEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo-foundation.seed.js';
import { insertOutsideAccount } from '../testing/outside-account.js';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const WANG = '13800000001';
const DAUGHTER = '13600009999';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await insertOutsideAccount(t.deps.db, { personId: 'daughter', userId: 'daughter-account', name: '王小芳', phone: DAUGHTER, password: DEMO_PASSWORD });
});
afterEach(() => t.close());

describe('a proxy from another compound', () => {
  it('sees and casts for the flat once the owner confirmed; is refused before, and in other votes', async () => {
    const [ballot] = (await t.ok(homeEndpoints.get, { cookie: await t.login('yezhu') })).owner!.ballots.entries;
    const voteId = ballot!.voteId;
    const flat = ballot!.notVoted.find((u) => u.label === '1栋1单元301')!.voterKey;
    const daughter = await t.login(DAUGHTER);

    expect((await t.api(voteEndpoints.get, { cookie: daughter, params: { voteId } })).status).toBe(403);
    expect((await t.api(proxyEndpoints.mine, { cookie: daughter, params: { voteId } })).status).toBe(403);
    expect((await t.api(proxyEndpoints.cast, { cookie: daughter, params: { voteId }, body: { unitId: flat, choices: ['yes'] } })).status).toBe(403);

    const staff = await t.login('zhanzhang');
    const formPhotoId = await uploadVotePhoto(t, staff, voteId);
    await t.ok(proxyEndpoints.createInPerson, {
      cookie: staff,
      params: { voteId },
      body: { unitIds: [flat], principalPhone: WANG, proxyPhone: DAUGHTER, formPhotoId },
    });

    const seen = await t.ok(voteEndpoints.get, { cookie: daughter, params: { voteId } });
    expect(seen.vote.id).toBe(voteId);
    expect(seen.mine).toEqual([]);
    expect(seen.canManage).toBe(false);
    const mine = await t.ok(proxyEndpoints.mine, { cookie: daughter, params: { voteId } });
    expect(mine.held.flatMap((p) => p.units.map((u) => u.label))).toEqual(['1栋1单元301']);
    const receipt = await t.api(proxyEndpoints.cast, { cookie: daughter, params: { voteId }, body: { unitId: flat, choices: ['yes'] } });
    expect(receipt.status).toBe(201);

    // Another vote of the compound, which she holds nothing in: refused as before.
    const other = await t.deps.db.selectFrom('votes').select('id').where('id', '!=', voteId).where('status', '=', 'closed').executeTakeFirstOrThrow();
    expect((await t.api(voteEndpoints.get, { cookie: daughter, params: { voteId: other.id } })).status).toBe(403);
    // No such vote: 404, as for everyone.
    expect((await t.api(voteEndpoints.get, { cookie: daughter, params: { voteId: 'no-such-vote' } })).status).toBe(404);
  });
});
