/**
 * The staff page's list of grants in the order people count places, as the roster and the roll are
 * (roll-order.routes.test.ts): a compound's own grants, then its buildings' (2栋 before 10栋), then its
 * grids' (第二网格 before 第十网格), each place's holders by name — on SQLite and on PostgreSQL
 * (scripts/test-pg.sh). The server's order is the page's; it used to be the kind of place, then the
 * holder's name, and the page sorted the labels as text, which put 10栋 before 2栋.
 */
import { staffEndpoints } from '@yishi/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let chief: string;
beforeEach(async () => {
  t = await createTestApp();
  const cy = await t.compoundId('CY'); // the demo's 翠苑: building 1, 第一网格
  chief = await t.login('cuiyuan'); // its station chief
  // Listed out of order, so the import's order proves nothing.
  const rows = ['楼栋,单元,房号,面积,业主,手机,网格', '10,1,101,90,甲一,13911120001,第十网格', '12,1,101,90,甲二,13911120002,第十二网格'];
  rows.push('2,1,101,90,甲三,13911120003,第二网格', '3,1,101,90,甲四,13911120004,第三网格');
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: chief, body: rows.join('\n'), headers: { 'content-type': 'text/csv' } });
  expect(imported.status, await imported.clone().text()).toBe(200);
}, 60_000);
afterEach(() => t.close());

/**
 * Each place's holder is named so that the names' order (丁 < 万 < 于 < 何 < 刘 < 周 < 王 < 赵 by code
 * point) is the reverse of the places': an order by name, or by label as text, shows up at once.
 */
const HOLDERS = [
  { place: '翠苑小区 2栋', role: 'building_head', name: '赵磊' },
  { place: '翠苑小区 3栋', role: 'building_head', name: '王强' },
  { place: '翠苑小区 10栋', role: 'building_head', name: '周涛' },
  { place: '翠苑小区 12栋', role: 'building_head', name: '刘洋' },
  { place: '翠苑小区 第二网格', role: 'grid_worker', name: '何静' },
  { place: '翠苑小区 第三网格', role: 'grid_worker', name: '于敏' },
  { place: '翠苑小区 第十网格', role: 'grid_worker', name: '万芳' },
  { place: '翠苑小区 第十二网格', role: 'grid_worker', name: '丁伟' },
] as const;

it('lists the grants by place in number order: 2栋 before 10栋, 第二网格 before 第十网格', async () => {
  const { places } = await t.ok(staffEndpoints.overview, { cookie: chief });
  // Granted in the names' order, so the order of granting proves nothing either.
  for (const [i, h] of [...HOLDERS].reverse().entries()) {
    const place = places.find((p) => p.label === h.place);
    expect(place, h.place).toBeDefined();
    await t.ok(staffEndpoints.grant, {
      cookie: chief,
      params: { scopeKind: place!.kind, scopeId: place!.id },
      body: { name: h.name, phone: `1350000${String(i).padStart(4, '0')}`, role: h.role },
    });
  }
  const { grants } = await t.ok(staffEndpoints.overview, { cookie: chief });
  const ours = new Set<string>(HOLDERS.map((h) => h.name));
  expect(grants.filter((g) => ours.has(g.name)).map((g) => `${g.placeLabel} ${g.name}`)).toEqual(HOLDERS.map((h) => `${h.place} ${h.name}`));
  // The compound's own grants (its station chief) come before its buildings' and grids'.
  const kinds = grants.map((g) => g.scopeKind);
  expect(kinds.indexOf('compound')).toBeLessThan(kinds.indexOf('building'));
  expect(kinds.lastIndexOf('building')).toBeLessThan(kinds.indexOf('grid'));
});
