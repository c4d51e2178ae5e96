/**
 * What the administration pages rely on, at the API, from an empty database: the staff page offers
 * exactly the roles `places[].roles` lists per kind of place (and a station chief sees only their
 * compound); a person with an account gets no invitation; a field's problem names its field (the
 * places form shows it under that field); the activation page's numbers move as people activate and
 * letters are printed for the whole compound; a one-time code for an activated person is a reset.
 */
import type { ActivationHouseholds, ActivationStatus, PlacesTree, StaffOverview } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSetupLink } from '../../packages/server/src/services/setup.service.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
const admin = { cookie: '' };
const ids = { subdistrict: '', community: '', compound: '' };

async function call(who: { cookie: string }, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = who.cookie ? { cookie: who.cookie } : {};
  if (body !== undefined) headers['content-type'] = contentType;
  return fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}
async function json<T>(who: { cookie: string }, method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const res = await call(who, method, path, body);
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}
function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

beforeAll(async () => {
  server = await startTestServer({ config: { seedDemo: false }, web: false });
  const token = new URL((await createSetupLink(server.deps))!).searchParams.get('token');
  const res = await call({ cookie: '' }, 'POST', '/api/setup', {
    token,
    subdistrict: '春风街道',
    name: '林建华',
    phone: '13900000001',
    password: 'Chunfeng-jiedao-2026',
  });
  expect(res.status).toBe(201);
  admin.cookie = cookieOf(res);
  const tree = await json<PlacesTree>(admin, 'GET', '/api/places');
  ids.subdistrict = tree.subdistricts[0]!.id;
  ids.community = (await json<{ id: string }>(admin, 'POST', `/api/subdistricts/${ids.subdistrict}/communities`, { name: '春风社区' }, 201)).id;
  ids.compound = (
    await json<{ id: string }>(
      admin,
      'POST',
      `/api/communities/${ids.community}/compounds`,
      { name: '都市春天小区', code: 'DSCT', address: '春风路 8 号' },
      201,
    )
  ).id;
  const roster = [
    '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有,网格',
    '1,1,101,89.56,登记,王建国,13900001001,否,第一网格',
    '2,1,101,88.00,登记,钱玉兰,13900002001,否,第一网格',
  ].join('\n');
  expect((await call(admin, 'POST', `/api/compounds/${ids.compound}/roster`, roster, 'text/csv')).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

describe('what the administration pages rely on', () => {
  test('a bad compound code is refused with the field it is about, in the caller’s language', async () => {
    const res = await call(admin, 'POST', `/api/communities/${ids.community}/compounds`, { name: '翠苑小区', code: '1X', address: '翠苑路 2 号' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: Array<{ path: string; message: string }> } };
    expect(error.code).toBe('validation_failed');
    expect(error.details).toContainEqual({ path: 'code', message: expect.stringContaining('小区代码应为 2 到 12 位大写字母或数字') });
  });

  test('the staff page offers per kind of place exactly the roles granted there; a station chief sees only their compound', async () => {
    const overview = await json<StaffOverview>(admin, 'GET', '/api/staff');
    const rolesOf = (kind: string) => overview.places.filter((p) => p.kind === kind).map((p) => p.roles);
    expect(rolesOf('subdistrict')).toEqual([['subdistrict_committee']]);
    expect(rolesOf('community')).toEqual([['community_staff']]);
    expect(rolesOf('compound')).toEqual([['station_chief', 'station_deputy', 'party_rep']]);
    expect(rolesOf('building')).toEqual([['building_head'], ['building_head']]);
    expect(rolesOf('grid')).toEqual([['grid_worker']]);
    expect(overview.places.filter((p) => p.kind === 'building').every((p) => p.compoundId === ids.compound)).toBe(true);

    const granted = await json<{ grant: { pending: boolean }; invitation: { link: string } }>(
      admin,
      'POST',
      `/api/places/compound/${ids.compound}/grants`,
      { name: '张卫东', phone: '13900000099', role: 'station_chief' },
      201,
    );
    expect(granted.grant.pending).toBe(true);
    const code = new URL(granted.invitation.link).searchParams.get('code');
    const activated = await call({ cookie: '' }, 'POST', '/api/activation', { code, consent: true, password: 'Zhanzhang-dsct-2026' });
    expect(activated.status, await activated.clone().text()).toBe(200);
    const chief = { cookie: cookieOf(activated) };
    const chiefs = await json<StaffOverview>(chief, 'GET', '/api/staff');
    expect(chiefs.places.map((p) => p.kind).sort()).toEqual(['building', 'building', 'compound', 'grid']);
    expect(chiefs.places.find((p) => p.kind === 'compound')!.roles).toEqual(['station_deputy', 'party_rep']);
    expect((await json<StaffOverview>(admin, 'GET', '/api/staff')).grants.find((g) => g.name === '张卫东')!.pending).toBe(false);
  });

  test('someone who already has an account gets the role without an invitation', async () => {
    const building = (await json<StaffOverview>(admin, 'GET', '/api/staff')).places.find((p) => p.kind === 'building')!;
    const result = await json<{ invitation: unknown; grant: { pending: boolean } }>(
      admin,
      'POST',
      `/api/places/building/${building.id}/grants`,
      { name: '张卫东', phone: '13900000099', role: 'building_head' },
      201,
    );
    expect(result.invitation).toBeNull();
    expect(result.grant.pending).toBe(false);
  });

  test('the activation numbers move as a person activates and letters are printed for the whole compound; a code for an activated person is a reset', async () => {
    const before = await json<ActivationStatus>(admin, 'GET', `/api/compounds/${ids.compound}/activation`);
    expect(before.buildings.map((b) => [b.name, b.households, b.activated, b.lettersOutstanding, b.lastPrintedAt])).toEqual([
      ['1', 1, 0, 0, null],
      ['2', 1, 0, 0, null],
    ]);
    const wang = (await json<ActivationHouseholds>(admin, 'GET', `/api/compounds/${ids.compound}/activation/households?q=王建国`)).items[0]!;
    const issued = await json<{ code: string; kind: string }>(admin, 'POST', `/api/units/${wang.unitId}/access-codes`, { personId: wang.personId }, 201);
    expect(issued.kind).toBe('activate');
    expect((await call({ cookie: '' }, 'POST', '/api/activation', { code: issued.code, consent: true, password: 'Wangjianguo-101-2026' })).status).toBe(200);

    const letters = await call(admin, 'POST', `/api/compounds/${ids.compound}/activation-letters`, { buildingId: null, includeActivated: false });
    expect(letters.status).toBe(200);
    expect(letters.headers.get('content-type')).toBe('application/pdf');
    expect(letters.headers.get('x-letter-count')).toBe('1'); // 王建国 is activated: only 钱玉兰 gets a letter
    expect(
      Buffer.from(await letters.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    const after = await json<ActivationStatus>(admin, 'GET', `/api/compounds/${ids.compound}/activation`);
    expect(after.buildings.map((b) => [b.name, b.households, b.activated, b.lettersOutstanding])).toEqual([
      ['1', 1, 1, 0],
      ['2', 1, 0, 1],
    ]);
    // A print for the whole compound counts as printed for every building.
    expect(after.buildings.every((b) => b.lastPrintedAt !== null)).toBe(true);

    const again = await json<{ kind: string }>(admin, 'POST', `/api/units/${wang.unitId}/access-codes`, { personId: wang.personId }, 201);
    expect(again.kind).toBe('reset');
  });
});
