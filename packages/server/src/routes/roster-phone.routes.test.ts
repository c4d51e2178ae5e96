/**
 * A roster re-imported to correct a phone: the owner keeps her flat, her account and her roles, and
 * logs in with the new phone; the preview says what the phone becomes. A phone the roster no longer
 * lists opens no account: no SMS code is sent to it, and a letter or staff code issued before opens
 * none either.
 */
import { authEndpoints, rosterEndpoints, rosterInvalidDetailsSchema } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo-foundation.seed.js';
import { createTestApp, readAnswer, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let keeper: string;
beforeEach(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
  keeper = await t.login('zhanzhang');
});
afterEach(() => t.close());

/** 何秀英 (loudong): owner of 1栋2单元602, building head of 1栋, account activated. */
const OLD = '13700000010';
const NEW = '13700000044';
const HEADER = '楼栋,单元,房号,面积,面积类型,业主,手机';

async function post(csv: string, query = '') {
  const res = await t.app.request(`/api/compounds/${dsct}/roster${query}`, {
    method: 'POST',
    headers: { cookie: keeper, 'content-type': 'text/csv; charset=utf-8', 'accept-language': 'zh-CN' },
    body: csv,
  });
  return readAnswer(rosterEndpoints.import, res);
}

/** The roster row of a unit of 都市春天 as it is now, with these owners instead. */
async function rowOf(building: string, entrance: string, room: string, owners: string, phones: string) {
  const unit = await t.deps.db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'units.area_centi', 'units.area_source'])
    .where('units.compound_id', '=', dsct)
    .where('buildings.name', '=', building)
    .where('units.entrance', '=', entrance)
    .where('units.room', '=', room)
    .executeTakeFirstOrThrow();
  return { unitId: unit.id, csv: `${building},${entrance},${room},${(unit.area_centi / 100).toFixed(2)},${unit.area_source},${owners},${phones}` };
}

const problemsOf = (answer: Awaited<ReturnType<typeof post>>) => {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.data)}`);
  return rosterInvalidDetailsSchema.parse(answer.error.details).problems;
};

describe('a phone corrected by the roster', () => {
  it('stays the same person: the preview shows the phone, and she keeps her flat, account and roles, logging in with the new phone', async () => {
    const flat = await rowOf('1', '2', '602', '何秀英', NEW);
    const csv = [HEADER, flat.csv].join('\n');

    const preview = await post(csv, '?dryRun=1');
    expect(preview.data).toMatchObject({ applied: false, unitsUpdated: 1, personsCreated: 0 });
    expect(preview.ok && preview.data.changes).toEqual([{ line: 2, unit: '1栋2单元602', phones: [{ name: '何秀英', from: OLD, to: NEW }] }]);

    const done = await post(csv);
    expect(done.data).toMatchObject({ applied: true, unitsUpdated: 1, personsCreated: 0 });
    const persons = await t.deps.db.selectFrom('persons').select(['id', 'phone']).where('name', '=', '何秀英').execute();
    expect(persons.map((p) => p.phone)).toEqual([NEW]);

    expect((await t.call('POST', '/api/auth/login', { json: { login: OLD, password: DEMO_PASSWORD } })).status).toBe(401);
    const me = await t.ok(authEndpoints.me, { cookie: await t.login(NEW) });
    expect(me).toMatchObject({ displayName: '何秀英', ownedUnitIds: [flat.unitId] });
    expect(me.grants.map((g) => g.role)).toContain('building_head');
    // Importing the corrected file again changes nothing.
    expect((await post(csv)).data).toMatchObject({ unitsUpdated: 0, unitsUnchanged: 1 });

    // The old phone is on no roster now: no code is sent to it.
    const sms = await t.call('POST', '/api/auth/sms-code', { json: { phone: OLD } });
    expect(sms.status).toBe(404);
    expect(t.smsLog).toEqual([]);
  });

  it('is refused, naming row and column, when the new phone is another person’s or another account’s, or the old one is still listed', async () => {
    const flat = await rowOf('1', '2', '602', '何秀英', NEW);
    const other = await rowOf('1', '1', '101', '何秀英', OLD);
    const still = problemsOf(await post([HEADER, flat.csv, other.csv].join('\n'), '?dryRun=1'));
    expect(still.map((p) => [p.line, p.column, p.code])).toEqual([[2, 'G', 'roster_phone_change_conflict']]);
    expect(still[0]!.message).toBe(`第 2 行 G 列“手机”：要把“何秀英”的手机号 ${OLD} 改为 ${NEW}，但第 3 行仍写着 ${OLD}：同一人只能登记一个手机号`);

    // Another 何秀英 with that phone: which one is meant is for the keeper to say.
    const now = new Date().toISOString();
    await t.deps.db.insertInto('persons').values({ id: 'other-he', name: '何秀英', phone: NEW, created_at: now }).execute();
    const taken = problemsOf(await post([HEADER, flat.csv].join('\n')));
    expect(taken.map((p) => [p.line, p.column, p.code])).toEqual([[2, 'G', 'roster_phone_change_taken']]);
    expect(taken[0]!.message).toBe(`第 2 行 G 列“手机”：要把“何秀英”的手机号 ${OLD} 改为 ${NEW}，但 ${NEW} 已登记在另一人或另一个账号名下，请先核对`);

    // An account logging in with the new phone: hers would have to take it too.
    const invited = '13700000055';
    await t.deps.db
      .insertInto('users')
      .values({
        id: 'invited',
        person_id: null,
        username: null,
        phone: invited,
        display_name: '何秀英',
        password_hash: '',
        locale: 'zh-CN',
        disabled: 0,
        created_at: now,
        activated_at: null,
        privacy_consent_at: null,
        privacy_notice_version: null,
        email: null,
      })
      .execute();
    const account = problemsOf(await post([HEADER, (await rowOf('1', '2', '602', '何秀英', invited)).csv].join('\n')));
    expect(account.map((p) => [p.line, p.column, p.code])).toEqual([[2, 'G', 'roster_phone_change_taken']]);
    const person = await t.deps.db.selectFrom('persons').select('phone').where('id', '!=', 'other-he').where('name', '=', '何秀英').executeTakeFirstOrThrow();
    expect(person.phone).toBe(OLD);
  });

  it('another name is another person, who replaces the owner as before', async () => {
    const flat = await rowOf('1', '2', '602', '何秀丽', NEW);
    const preview = await post([HEADER, flat.csv].join('\n'), '?dryRun=1');
    expect(preview.ok && preview.data.changes).toEqual([{ line: 2, unit: '1栋2单元602', owners: { from: ['何秀英'], to: ['何秀丽'] } }]);
    expect(preview.data).toMatchObject({ personsCreated: 1 });
  });
});

describe('a phone the roster no longer lists', () => {
  it('gets no SMS code, in words; staff with a grant and no flat still get one', async () => {
    // 1栋1单元102's owner, never activated, replaced by someone else.
    const owner = await t.deps.db
      .selectFrom('ownerships')
      .innerJoin('units', 'units.id', 'ownerships.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('persons', 'persons.id', 'ownerships.person_id')
      .select(['persons.name', 'persons.phone'])
      .where('units.compound_id', '=', dsct)
      .where('buildings.name', '=', '1')
      .where('units.entrance', '=', '1')
      .where('units.room', '=', '102')
      .executeTakeFirstOrThrow();
    const flat = await rowOf('1', '1', '102', '新业主', '13911119001');
    expect((await post([HEADER, flat.csv].join('\n'))).data).toMatchObject({ applied: true, unitsUpdated: 1 });

    const res = await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('phone_not_on_roster');
    expect(error.message).toContain(`手机号 ${owner.phone} 不在小区花名册中`);
    expect(t.smsLog).toEqual([]);

    // 黄伟 (zhujian) owns nothing but holds a grant; the new owner is on the roster.
    expect((await t.call('POST', '/api/auth/sms-code', { json: { phone: '13700000008' } })).status).toBe(200);
    expect((await t.call('POST', '/api/auth/sms-code', { json: { phone: '13911119001' } })).status).toBe(200);
  });
});

describe('a code issued before the roster dropped its person', () => {
  it('opens no account, in words, at lookup and at activation; the same code works while she is on the roster', async () => {
    const owner = await t.deps.db
      .selectFrom('ownerships')
      .innerJoin('units', 'units.id', 'ownerships.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['units.id as unitId', 'ownerships.person_id as personId'])
      .where('units.compound_id', '=', dsct)
      .where('buildings.name', '=', '1')
      .where('units.entrance', '=', '1')
      .where('units.room', '=', '102')
      .executeTakeFirstOrThrow();
    const issue = async () => {
      const res = await t.call('POST', `/api/units/${owner.unitId}/access-codes`, { cookie: keeper, json: { personId: owner.personId } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { code: string }).code;
    };
    const lookup = (code: string) => t.call('POST', '/api/activation/lookup', { json: { code } });
    const activate = (code: string) => t.call('POST', '/api/activation', { json: { code, consent: true, password: 'yinxing-1-102' } });

    const kept = await issue();
    expect((await lookup(kept)).status).toBe(200);

    const flat = await rowOf('1', '1', '102', '新业主', '13911119001');
    expect((await post([HEADER, flat.csv].join('\n'))).data).toMatchObject({ applied: true, unitsUpdated: 1 });

    for (const res of [await lookup(kept), await activate(kept)]) {
      expect(res.status).toBe(410);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('access_code_person_left');
      expect(error.message).toContain('花名册上已经没有您的房屋');
    }
    expect(await t.deps.db.selectFrom('users').select('id').where('person_id', '=', owner.personId).execute()).toEqual([]);
  });
});
