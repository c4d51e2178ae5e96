import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_STAFF_VERSION, activationEndpoints, staffEndpoints } from '@yishi/core';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const overview = (cookie: string) => t.ok(staffEndpoints.overview, { cookie });
const grantsCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('role_assignments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('staff and roles', () => {
  it('a station chief grants a building head, who is invited, sets up the account and then holds the role; all of it is recorded', async () => {
    const chief = await t.login('zhanzhang');
    const mine = await overview(chief);
    // The chief sees their compound, its buildings and grids, and may grant only roles below their own.
    expect(mine.places.map((p) => p.kind).sort()).toEqual(['building', 'building', 'building', 'compound', 'grid', 'grid']);
    expect(mine.places.find((p) => p.kind === 'compound')!.roles).toEqual(['station_deputy', 'party_rep']);
    const building2 = mine.places.find((p) => p.label === '都市春天小区 2栋')!;
    expect(building2.roles).toEqual(['building_head']);

    const granted = await t.api(staffEndpoints.grant, {
      cookie: chief,
      params: { scopeKind: 'building', scopeId: building2.id },
      body: { name: '孔凡荣', phone: '13500000001', role: 'building_head', title: '2栋楼栋长' },
    });
    expect(granted.status).toBe(201);
    const { grant, invitation } = granted.data!;
    expect(grant).toMatchObject({ pending: true, placeLabel: '都市春天小区 2栋' });
    expect(invitation!.link).toBe(`http://localhost:8787/activate?code=${invitation!.code}`);

    const lookup = await t.ok(activationEndpoints.lookup, { body: { code: invitation!.code.toLowerCase() } });
    expect(lookup).toMatchObject({
      kind: 'invitation',
      name: '孔*荣',
      roles: ['building_head'],
      grants: [{ role: 'building_head', placeLabel: '都市春天小区 2栋' }],
    });
    const activated = await t.call('POST', '/api/activation', { json: { code: invitation!.code, consent: true, password: 'kongfanrong-2栋' } });
    expect(activated.status).toBe(200);
    const cookie = activated.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await t.call('GET', '/api/me', { cookie })).json()) as { grants: Array<{ role: string; title: string }> };
    expect(me.grants).toMatchObject([{ role: 'building_head', title: '2栋楼栋长' }]);
    // With a grant and no flat, the page showed the staff's privacy notice: its version is what was agreed to.
    const account = await t.deps.db.selectFrom('users').select('privacy_notice_version').where('phone', '=', '13500000001').executeTakeFirstOrThrow();
    expect(account.privacy_notice_version).toBe(PRIVACY_NOTICE_STAFF_VERSION);

    const after = await overview(chief);
    expect(after.grants.find((g) => g.name === '孔凡荣')).toMatchObject({ pending: false, grantedBy: '陈志强', mayRevoke: true, phone: '13500000001' });
    expect(after.events[0]).toMatchObject({ action: 'grant', name: '孔凡荣', role: 'building_head', byName: '陈志强', placeLabel: '都市春天小区 2栋' });

    // Revoked: recorded, and the role is gone at once.
    expect((await t.call('DELETE', `/api/grants/${grant.id}`, { cookie: chief })).status).toBe(204);
    expect(((await (await t.call('GET', '/api/me', { cookie })).json()) as { grants: unknown[] }).grants).toEqual([]);
    expect((await overview(chief)).events[0]).toMatchObject({ action: 'revoke', name: '孔凡荣', byName: '陈志强' });
    // The record cannot be rewritten behind the product's back.
    await expect(sql`update grant_events set action = 'grant'`.execute(t.deps.db)).rejects.toThrow(/grant_events_append_only/);
    await expect(sql`delete from grant_events`.execute(t.deps.db)).rejects.toThrow(/grant_events_append_only/);
  });

  it('granting a role to someone already active adds the role without an invitation; an owner on the roster keeps their units', async () => {
    const chief = await t.login('zhanzhang');
    const compound = (await overview(chief)).places.find((p) => p.kind === 'compound')!;
    const res = await t.call('POST', `/api/places/compound/${compound.id}/grants`, {
      cookie: chief,
      json: { name: '王建国', phone: '13800000001', role: 'party_rep', party: 'owners_committee', organisation: '都市春天小区业主委员会' },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { invitation: unknown }).invitation).toBeNull();
    const yezhu = await t.login('yezhu');
    const me = (await (await t.call('GET', '/api/me', { cookie: yezhu })).json()) as { grants: Array<{ role: string }>; ownedUnits: unknown[] };
    expect(me.grants.map((g) => g.role)).toEqual(['party_rep']);
    expect(me.ownedUnits).toHaveLength(2);
  });

  it('nobody grants above their own role or outside their places, names must match the phone, and a refusal changes nothing', async () => {
    const before = await grantsCount();
    const chief = await t.login('zhanzhang');
    const compoundId = await t.compoundId('DSCT');
    const cuiyuan = await t.compoundId('CY');
    const cases: Array<[string, string, Record<string, unknown>, number, string]> = [
      [
        'zhanzhang',
        `/api/places/compound/${compoundId}/grants`,
        { name: '某某某', phone: '13500000002', role: 'station_chief' },
        403,
        '只能管理比自己职务低的角色',
      ],
      ['zhanzhang', `/api/places/compound/${cuiyuan}/grants`, { name: '某某某', phone: '13500000002', role: 'station_deputy' }, 403, '您没有权限'],
      ['cuiyuan', `/api/places/compound/${compoundId}/grants`, { name: '某某某', phone: '13500000002', role: 'station_deputy' }, 403, '您没有权限'],
      ['zhanzhang', `/api/places/compound/${compoundId}/grants`, { name: '某某某', phone: '13500000002', role: 'building_head' }, 400, '要在楼栋一级授予'],
      ['zhanzhang', `/api/places/compound/${compoundId}/grants`, { name: '王小二', phone: '13800000001', role: 'station_deputy' }, 409, '已登记为“王建国”'],
      [
        'zhanzhang',
        `/api/places/compound/${compoundId}/grants`,
        { name: '周丽', phone: '13700000004', role: 'station_deputy' },
        409,
        '已经是该处的“服务站副站长”',
      ],
      ['zhanzhang', `/api/places/compound/${compoundId}/grants`, { name: '某某某', phone: '135', role: 'party_rep' }, 400, '手机号应为 11 位数字'],
      ['fuzhan', `/api/places/compound/${compoundId}/grants`, { name: '某某某', phone: '13500000002', role: 'station_deputy' }, 403, '您没有权限'],
    ];
    for (const [who, path, body, status, words] of cases) {
      const res = await t.call('POST', path, { cookie: who === 'zhanzhang' ? chief : await t.login(who), json: body });
      expect(res.status, `${who} ${JSON.stringify(body)}`).toBe(status);
      expect((await errorOf(res)).message, `${who} ${JSON.stringify(body)}`).toContain(words);
    }
    // A chief cannot revoke the subdistrict's administrator, and the last administrator cannot be revoked at all.
    const admin = await t.login('jiedao');
    const adminGrant = (await overview(admin)).grants.find((g) => g.role === 'subdistrict_committee')!;
    expect((await t.call('DELETE', `/api/grants/${adminGrant.id}`, { cookie: chief })).status).toBe(403);
    const last = await t.call('DELETE', `/api/grants/${adminGrant.id}`, { cookie: admin });
    expect(last.status).toBe(409);
    expect((await errorOf(last)).message).toContain('最后一位街道管理员');
    expect(await grantsCount()).toBe(before);
  });

  it('a new invitation replaces the old link', async () => {
    const chief = await t.login('zhanzhang');
    const compound = (await overview(chief)).places.find((p) => p.kind === 'compound')!;
    const first = (await (
      await t.call('POST', `/api/places/compound/${compound.id}/grants`, {
        cookie: chief,
        json: { name: '钱多多', phone: '13500000003', role: 'station_deputy' },
      })
    ).json()) as {
      grant: { id: string };
      invitation: { code: string };
    };
    const again = (await (await t.call('POST', `/api/grants/${first.grant.id}/invitation`, { cookie: chief })).json()) as { code: string };
    expect(again.code).not.toBe(first.invitation.code);
    const old = await t.call('POST', '/api/activation/lookup', { json: { code: first.invitation.code } });
    expect(old.status).toBe(410);
    // Replaced, never used: said as such (it had said 已经用过).
    expect((await errorOf(old)).message).toContain('这个激活码已作废，通常是因为后来又发放了新的激活码');
    expect((await t.call('POST', '/api/activation/lookup', { json: { code: again.code } })).status).toBe(200);
  });
});

describe('places', () => {
  it('the administrator adds and renames communities and compounds; codes are unique; others may not', async () => {
    const admin = await t.login('jiedao');
    const tree = (await (await t.call('GET', '/api/places', { cookie: admin })).json()) as {
      subdistricts: Array<{ id: string; communities: Array<{ id: string; name: string; compounds: unknown[] }> }>;
    };
    const subdistrict = tree.subdistricts[0]!;
    expect(subdistrict.communities.map((c) => c.name)).toEqual(['宜阳社区']);
    const created = await t.call('POST', `/api/subdistricts/${subdistrict.id}/communities`, { cookie: admin, json: { name: '秀水社区' } });
    expect(created.status).toBe(201);
    const community = (await created.json()) as { id: string };
    expect((await t.call('PATCH', `/api/communities/${community.id}`, { cookie: admin, json: { name: '秀水河社区' } })).status).toBe(200);
    const compound = await t.call('POST', `/api/communities/${community.id}/compounds`, {
      cookie: admin,
      json: { name: '滨河花园', code: 'bhhy', address: '滨河路 6 号物业服务中心' },
    });
    expect(compound.status).toBe(201);
    const { id } = (await compound.json()) as { id: string };
    expect((await t.call('PATCH', `/api/compounds/${id}`, { cookie: admin, json: { address: '滨河路 6 号 1 栋架空层' } })).status).toBe(200);
    const row = await t.deps.db.selectFrom('compounds').select(['name', 'code', 'address']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '滨河花园', code: 'BHHY', address: '滨河路 6 号 1 栋架空层' });

    const taken = await t.call('POST', `/api/communities/${community.id}/compounds`, {
      cookie: admin,
      json: { name: '另一个小区', code: 'DSCT', address: '某路 1 号' },
    });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).message).toBe('小区代码“DSCT”已被“都市春天小区”使用，请换一个');
    const badCode = await t.call('POST', `/api/communities/${community.id}/compounds`, {
      cookie: admin,
      json: { name: '另一个小区', code: '都市', address: '某路 1 号' },
    });
    expect(badCode.status).toBe(400);
    expect((await errorOf(badCode)).message).toContain('小区代码应为');
    // Community staff add compounds in their own community, not communities; a chief neither.
    const shequ = await t.login('shequ');
    expect((await t.call('POST', `/api/subdistricts/${subdistrict.id}/communities`, { cookie: shequ, json: { name: '别的社区' } })).status).toBe(403);
    expect(
      (await t.call('POST', `/api/communities/${community.id}/compounds`, { cookie: shequ, json: { name: '别的小区', code: 'BDXQ', address: '某路 2 号' } }))
        .status,
    ).toBe(403);
    expect((await t.call('PATCH', `/api/compounds/${await t.compoundId('DSCT')}`, { cookie: await t.login('zhanzhang'), json: { name: '改名' } })).status).toBe(
      403,
    );
  });
});
