import { proxyEndpoints, voteEndpoints, type BodyInput } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  rollLabels = undefined;
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

/** Units by their short label (1-1-301 is 1栋1单元301), from the roll of the first vote a test opens. */
let rollLabels: Map<string, string> | undefined;
async function unitId(label: string): Promise<string> {
  const [b, e, r] = label.split('-');
  return rollLabels!.get(`${b}栋${e}单元${r}`)!;
}

async function openVote(cookie: string, extra: Partial<BodyInput<typeof voteEndpoints.create>> = {}) {
  const created = await t.ok(voteEndpoints.create, {
    cookie,
    params: { compoundId: dsct },
    body: {
      title: '是否同意更换小区门禁系统',
      kind: 'yes_no',
      rule: { kind: 'simple_majority' },
      secret: false,
      closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      ...extra,
    },
  });
  await t.ok(voteEndpoints.open, { cookie, params: { voteId: created.id } });
  rollLabels ??= new Map(
    (await t.ok(voteEndpoints.roll, { cookie, params: { voteId: created.id }, query: { limit: 200 } })).items.map((e) => [e.label, e.voterKey]),
  );
  return created.id;
}

/** A photo of the signed form, uploaded as the page does. */
const formPhoto = (cookie: string, voteId: string) => uploadVotePhoto(t, cookie, voteId);

const lastSmsCode = () => /验证码为(\d{6})/.exec(t.smsLog.at(-1) ?? '')?.[1];
const mine = (cookie: string, voteId: string) => t.ok(proxyEndpoints.mine, { cookie, params: { voteId } });
const proxyCast = (cookie: string, voteId: string, unit: string, choice: string) =>
  t.api(proxyEndpoints.cast, { cookie, params: { voteId }, body: { unitId: unit, choices: [choice] } });
const rollEntry = async (cookie: string, voteId: string, unit: string) =>
  (await t.ok(voteEndpoints.roll, { cookie, params: { voteId }, query: { limit: 200 } })).items.find((e) => e.voterKey === unit)!;
const logKinds = async (voteId: string) =>
  (await t.deps.db.selectFrom('ballot_log').select(['kind', 'channel']).where('vote_id', '=', voteId).orderBy('position').execute()).map(
    (r) => `${r.kind}:${r.channel}`,
  );
const noticesOf = async (kind: string) =>
  (
    await t.deps.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select('users.username')
      .where('kind', '=', kind as never)
      .execute()
  ).map((r) => r.username);

/** 王建国 (yezhu) authorises 刘洋 (yezhu2, phone 13800000002) for 1-1-301 and confirms by SMS code. */
async function authoriseAndConfirm(voteId: string, principal: string, unit: string) {
  const sent = await t.ok(proxyEndpoints.create, {
    cookie: principal,
    params: { voteId },
    body: { unitIds: [unit], proxyPhone: '13800000002', formPhotoId: await formPhoto(principal, voteId) },
  });
  expect(sent.proxy.status).toBe('pending');
  expect(sent.smsSentTo).toBe('138****0001');
  expect(t.smsLog.at(-1)).toContain('to 13800000001');
  const confirmed = await t.ok(proxyEndpoints.confirm, { cookie: principal, params: { voteId, proxyId: sent.proxy.id }, body: { code: lastSmsCode()! } });
  expect(confirmed).toMatchObject({ status: 'confirmed', confirmedVia: 'sms' });
  return confirmed;
}

describe('proxies (委托投票)', () => {
  it('an owner authorises a proxy with the signed form; pending until the SMS code confirms it; the proxy is told, sees the unit and votes; the principal sees the receipt', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await openVote(staff);
    const principal = await t.login('yezhu');
    const proxy = await t.login('yezhu2');
    const unit = await unitId('1-1-301');

    const sent = await t.ok(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId },
      body: { unitIds: [unit], proxyPhone: '13800000002', formPhotoId: await formPhoto(principal, voteId) },
    });
    // Pending: the proxy cannot vote yet.
    const early = await proxyCast(proxy, voteId, unit, 'yes');
    expect(early.status).toBe(403);
    expect(early.error?.code).toBe('proxy_not_confirmed');
    expect((await mine(proxy, voteId)).held).toEqual([]);

    const wrong = await t.api(proxyEndpoints.confirm, {
      cookie: principal,
      params: { voteId, proxyId: sent.proxy.id },
      body: { code: '000000' === lastSmsCode() ? '111111' : '000000' },
    });
    expect(wrong.error?.code).toBe('proxy_code_wrong');
    expect(wrong.error?.message).toContain('还可以再试 4 次');
    // Only the principal confirms their own authorisation.
    const byProxy = await t.api(proxyEndpoints.confirm, { cookie: proxy, params: { voteId, proxyId: sent.proxy.id }, body: { code: lastSmsCode()! } });
    expect(byProxy.status).toBe(404);
    const confirmed = await t.ok(proxyEndpoints.confirm, { cookie: principal, params: { voteId, proxyId: sent.proxy.id }, body: { code: lastSmsCode()! } });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedVia: 'sms', proxyName: '刘洋', principalName: '王*国' });
    expect(await noticesOf('vote_proxy_confirmed')).toEqual(['yezhu2']);

    const held = await mine(proxy, voteId);
    expect(held.held.map((h) => [h.principalName, h.units.map((u) => u.label)])).toEqual([['王*国', ['1栋1单元301']]]);

    const receipt = await t.ok(proxyEndpoints.cast, { cookie: proxy, params: { voteId }, body: { unitId: unit, choices: ['yes'] } });
    expect(receipt).toMatchObject({ voterKey: unit, voterLabel: '1栋1单元301', replaced: false, logPosition: 1 });
    expect(await noticesOf('vote_proxy_voted')).toEqual(['yezhu']);
    const given = (await mine(principal, voteId)).given[0]!;
    expect(given.units[0]).toMatchObject({ voted: true, votedBy: 'proxy', proxyReceiptCode: receipt.receiptCode });
    // Marked in the roll, its CSV and the principal's own view.
    expect(await rollEntry(staff, voteId, unit)).toMatchObject({ voted: true, channel: 'proxy' });
    const csv = await (await t.call('GET', `/api/votes/${voteId}/roll.csv`, { cookie: staff })).text();
    expect(csv).toMatch(/1栋1单元301,[\d.]+,是,委托,/);
    const view = await t.ok(voteEndpoints.get, { cookie: principal, params: { voteId } });
    expect(view.mine.find((m) => m.voterKey === unit)).toMatchObject({ voted: true, channel: 'proxy', receiptCode: receipt.receiptCode });
    expect(await logKinds(voteId)).toEqual(['cast:proxy']);
  });

  it('A principal overrides their proxy: their own ballot replaces the proxy ballot, the proxy is refused afterwards, the unit counts once', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await openVote(staff);
    const principal = await t.login('yezhu');
    const proxy = await t.login('yezhu2');
    const unit = await unitId('1-1-301');
    await authoriseAndConfirm(voteId, principal, unit);
    const byProxy = await t.ok(proxyEndpoints.cast, { cookie: proxy, params: { voteId }, body: { unitId: unit, choices: ['yes'] } });
    // The proxy may change their ballot while the principal has not voted.
    const changed = await t.ok(proxyEndpoints.cast, { cookie: proxy, params: { voteId }, body: { unitId: unit, choices: ['abstain'] } });
    expect(changed.replaced).toBe(true);

    const own = await t.ok(voteEndpoints.castBallot, { cookie: principal, params: { voteId }, body: { unitId: unit, choices: ['no'] } });
    expect(own.replaced).toBe(true);
    const refused = await proxyCast(proxy, voteId, unit, 'yes');
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe('proxy_principal_voted');
    expect(refused.error?.message).toContain('委托人已亲自为 1栋1单元301 投票');
    expect(await rollEntry(staff, voteId, unit)).toMatchObject({ voted: true, channel: 'online' });
    expect(await logKinds(voteId)).toEqual(['cast:proxy', 'replaced:proxy', 'replaced:online']);
    const log = await t.deps.db.selectFrom('ballot_log').select(['receipt_code', 'supersedes']).where('vote_id', '=', voteId).orderBy('position').execute();
    expect(log.map((l) => l.supersedes)).toEqual([null, byProxy.receiptCode, changed.receiptCode]);

    await t.ok(voteEndpoints.close, { cookie: staff, params: { voteId } });
    const result = (await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } })).result!;
    expect(result.participation.ballots).toBe(1);
    expect(result.options.find((o) => o.id === 'no')!.ballots).toBe(1);
    expect(result.options.find((o) => o.id === 'yes')!.ballots).toBe(0);
  });

  it('revoking withdraws a proxy ballot already cast: the unit counts as not voted, the log says withdrawn, the proxy can no longer vote', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await openVote(staff);
    const principal = await t.login('yezhu');
    const proxy = await t.login('yezhu2');
    const unit = await unitId('1-1-301');
    const auth = await authoriseAndConfirm(voteId, principal, unit);
    const cast = await t.ok(proxyEndpoints.cast, { cookie: proxy, params: { voteId }, body: { unitId: unit, choices: ['yes'] } });

    // The proxy cannot revoke the principal's authorisation.
    expect((await t.api(proxyEndpoints.revoke, { cookie: proxy, params: { voteId, proxyId: auth.id } })).status).toBe(404);
    const revoked = await t.ok(proxyEndpoints.revoke, { cookie: principal, params: { voteId, proxyId: auth.id } });
    expect(revoked).toMatchObject({ status: 'revoked' });
    expect(revoked.units[0]).toMatchObject({ voted: false, votedBy: null });
    expect(await rollEntry(staff, voteId, unit)).toMatchObject({ voted: false, channel: null });
    const log = await t.deps.db.selectFrom('ballot_log').select(['kind', 'supersedes', 'channel']).where('vote_id', '=', voteId).orderBy('position').execute();
    expect(log).toEqual([
      { kind: 'cast', supersedes: null, channel: 'proxy' },
      { kind: 'withdrawn', supersedes: cast.receiptCode, channel: 'proxy' },
    ]);
    const after = await proxyCast(proxy, voteId, unit, 'no');
    expect(after.error?.code).toBe('proxy_not_confirmed');
    // The principal may then vote in person, or authorise someone again.
    await t.ok(voteEndpoints.castBallot, { cookie: principal, params: { voteId }, body: { unitId: unit, choices: ['no'] } });
    expect(await rollEntry(staff, voteId, unit)).toMatchObject({ voted: true, channel: 'online' });
  });

  it('staff record an authorisation brought in person (confirmed at once, with the staff member); the cap on principals per proxy is enforced with words', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await openVote(staff);
    const inPerson = await t.ok(proxyEndpoints.createInPerson, {
      cookie: staff,
      params: { voteId },
      body: { unitIds: [await unitId('1-2-602')], principalPhone: '13700000010', proxyPhone: '13800000002', formPhotoId: await formPhoto(staff, voteId) },
    });
    expect(inPerson).toMatchObject({ status: 'confirmed', confirmedVia: 'in_person' });
    const row = await t.deps.db
      .selectFrom('vote_proxies')
      .select(['confirmed_by_user_id', 'created_by_user_id'])
      .where('id', '=', inPerson.id)
      .executeTakeFirstOrThrow();
    const chief = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'zhanzhang').executeTakeFirstOrThrow();
    expect(row).toEqual({ confirmed_by_user_id: chief.id, created_by_user_id: chief.id });
    expect(await noticesOf('vote_proxy_confirmed')).toEqual(['yezhu2']);

    // Default cap 1: 刘洋 already acts for one owner in this vote.
    const principal = await t.login('yezhu');
    const capped = await t.api(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId },
      body: { unitIds: [await unitId('1-1-301')], proxyPhone: '13800000002', formPhotoId: await formPhoto(principal, voteId) },
    });
    expect(capped.status).toBe(409);
    expect(capped.error?.code).toBe('proxy_cap_reached');
    expect(capped.error?.message).toContain('最多代理 1 位');
    const list = await t.ok(proxyEndpoints.list, { cookie: staff, params: { voteId } });
    expect(list.items.map((p) => p.status)).toEqual(['confirmed']);
    expect(list.inForce).toBe(1);
    // A page at a time, oldest first: four revoked copies made at the same instant — the id breaks the tie, each shown once; the count is of the whole vote.
    const recorded = await t.deps.db.selectFrom('vote_proxies').selectAll().where('vote_id', '=', voteId).executeTakeFirstOrThrow();
    const copies = ['c1', 'c2', 'c3', 'c4'].map((id) => ({ ...recorded, id: `${recorded.id}${id}`, status: 'revoked' as const }));
    await t.deps.db.insertInto('vote_proxies').values(copies).execute();
    const paged = await pageThrough<{ id: string }>((after) => t.call('GET', listUrl(`/votes/${voteId}/proxies`, { after, limit: 2 }), { cookie: staff }));
    expect([paged.pages, repeated(paged.items.map((p) => p.id))]).toEqual([3, []]);
    expect(paged.items.map((p) => p.id)).toEqual([recorded.id, ...copies.map((c) => c.id)].sort());
    expect((await t.ok(proxyEndpoints.list, { cookie: staff, params: { voteId }, query: { limit: 2 } })).inForce).toBe(1);
  });

  it('refuses with words: a phone without an account, the principal themself, a unit that is not theirs, a residents poll', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await openVote(staff);
    const principal = await t.login('yezhu');
    const unit = await unitId('1-1-301');
    const photo = await formPhoto(principal, voteId);
    const unknown = await t.api(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId },
      body: { unitIds: [unit], proxyPhone: '13912345678', formPhotoId: photo },
    });
    expect(unknown.error?.code).toBe('proxy_phone_unknown');
    expect(unknown.error?.message).toContain('请受托人先用该手机号激活账号');
    // A phone that is not one says so in words (it answered its bare code, phone_format).
    const notPhone = await t.api(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId },
      body: { unitIds: [unit], proxyPhone: 'abc<script>', formPhotoId: photo },
    });
    expect(notPhone.status).toBe(400);
    expect(JSON.stringify(notPhone.error)).toContain('手机号应为 11 位数字');
    expect(JSON.stringify(notPhone.error)).not.toContain('phone_format');
    const self = await t.api(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId },
      body: { unitIds: [unit], proxyPhone: '13800000001', formPhotoId: photo },
    });
    expect(self.error?.code).toBe('proxy_self');
    const notMine = await t.api(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId },
      body: { unitIds: [await unitId('1-1-101')], proxyPhone: '13800000002', formPhotoId: photo },
    });
    expect(notMine.error?.code).toBe('proxy_not_owner');
    expect(notMine.error?.message).toContain('1栋1单元101');
    // Nothing was stored by the refused attempts: the photo is still free to use.
    expect(await t.deps.db.selectFrom('vote_proxies').selectAll().execute()).toEqual([]);

    const poll = await openVote(staff, { electorateKind: 'residents', title: '征询：快递柜位置' });
    const refused = await t.api(proxyEndpoints.create, {
      cookie: principal,
      params: { voteId: poll },
      body: { unitIds: [unit], proxyPhone: '13800000002', formPhotoId: photo },
    });
    expect(refused.error?.code).toBe('proxy_not_for_polls');
    expect((await mine(principal, poll)).allowed).toBe(false);
  });
});
