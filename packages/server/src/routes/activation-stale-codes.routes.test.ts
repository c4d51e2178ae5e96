/**
 * A letter or code that can no longer be used, held by someone whose account is active by now (he
 * activated another way: an SMS code, a building head's code, an invitation), is answered with what he
 * should do — log in — not with why the code stopped working (found in a walk: "这个激活码已作废").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { issueAccessCode } from '../services/access-codes.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const lastSmsCode = () => /验证码为(\d{6})/.exec(t.smsLog.at(-1) ?? '')?.[1];

/** An owner of the demo without an account: the first roster owner of 1栋1单元 102. */
async function ownerWithoutAccount() {
  const row = await t.deps.db
    .selectFrom('ownerships')
    .innerJoin('units', 'units.id', 'ownerships.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('persons', 'persons.id', 'ownerships.person_id')
    .select(['persons.id as personId', 'persons.phone'])
    .where('units.compound_id', '=', await t.compoundId('DSCT'))
    .where('buildings.name', '=', '1')
    .where('units.entrance', '=', '1')
    .where('units.room', '=', '102')
    .executeTakeFirstOrThrow();
  return { ...row, phone: row.phone! };
}

const letterFor = (personId: string) =>
  t.deps.db.transaction().execute((trx) => issueAccessCode(trx, 'letter', { personId }, { now: t.deps.clock(), createdBy: null }));

describe('a code of someone whose account is active', () => {
  it('a replaced letter, an unused letter and a used code all say: your account is active, log in', async () => {
    t = await createTestApp();
    const owner = await ownerWithoutAccount();
    const replaced = await letterFor(owner.personId);
    const open = await letterFor(owner.personId); // a reprint: the first letter is void now
    expect((await errorOf(await t.call('POST', '/api/activation/lookup', { json: { code: replaced.code } }))).code).toBe('access_code_voided');

    // He activates by SMS instead: every letter of his is void (or, for the open one, pointless).
    await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } });
    expect((await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: lastSmsCode(), consent: true } })).status).toBe(200);

    for (const code of [replaced.code, open.code]) {
      const res = await t.call('POST', '/api/activation/lookup', { json: { code } });
      expect(res.status).toBe(409);
      const error = await errorOf(res);
      expect(error).toEqual({ code: 'access_code_account_active', message: '您的账号已经激活，请直接登录', details: null });
    }
    const english = await t.call('POST', '/api/activation/lookup', { json: { code: open.code }, headers: { 'accept-language': 'en' } });
    expect((await errorOf(english)).message).toBe('Your account is already active; please log in');
    // Activating with it says the same.
    const again = await t.call('POST', '/api/activation', { json: { code: replaced.code, consent: true, password: 'a-long-pass-2026' } });
    expect((await errorOf(again)).code).toBe('access_code_account_active');
  });

  it('a letter of someone without an account still says why it does not work', async () => {
    t = await createTestApp();
    const owner = await ownerWithoutAccount();
    const replaced = await letterFor(owner.personId);
    await letterFor(owner.personId);
    const res = await t.call('POST', '/api/activation/lookup', { json: { code: replaced.code } });
    expect(res.status).toBe(410);
    expect((await errorOf(res)).message).toContain('这个激活码已作废');
  });
});
