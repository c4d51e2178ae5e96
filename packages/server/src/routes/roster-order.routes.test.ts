/**
 * Roster order is the order people count in: 2栋 before 10栋, 3单元 before 12单元, room 201 before
 * 1001 — on the compound's units page (staff) and on the households list a building head pages
 * through, across page boundaries (small pages, the cursor carrying the sort key), on SQLite and on
 * PostgreSQL (scripts/test-pg.sh). Text order had 1001 before 101 and 10栋 before 2栋.
 */
import { activationEndpoints, rosterEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
let staff: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY'); // the demo's 翠苑: building 1, entrance 1, rooms 101–602
  staff = await t.login('cuiyuan');
  // Listed out of order, so the import's order proves nothing.
  const rows = [
    '楼栋,单元,房号,面积,业主,手机,居民,居民手机',
    '10,1,1001,90,甲一,13911120001,丙一,13911120009',
    '10,1,201,90,甲二,13911120002,,',
    '10,1,102,90,甲三,13911120003,,',
    '10,1,101,90,甲四,13911120004,,',
    '2,12,1001,90,乙一,13911120005,,',
    '2,12,101,90,乙二,13911120006,,',
    '2,3,1001,90,乙三,13911120007,,',
    '2,3,201,90,乙四,13911120008,,',
    '2,3,102,90,乙五,13911120010,,',
    '2,3,101,90,乙六,13911120011,,',
  ];
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, body: rows.join('\n'), headers: { 'content-type': 'text/csv' } });
  expect(imported.status, await imported.clone().text()).toBe(200);
}, 60_000);
afterEach(() => t.close());

const OURS = ['2-3-101', '2-3-102', '2-3-201', '2-3-1001', '2-12-101', '2-12-1001', '10-1-101', '10-1-102', '10-1-201', '10-1-1001'];

describe('roster order', () => {
  it('the units page lists buildings, entrances and rooms in number order, page after page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await t.ok(rosterEndpoints.units, { cookie: staff, params: { compoundId: cy }, query: { limit: 3, after } });
      seen.push(...page.items.map((u) => `${u.building}-${u.entrance}-${u.room}`));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    const demo = ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502', '601', '602'].map((room) => `1-1-${room}`);
    expect(seen).toEqual([...demo, ...OURS]);
    expect(pages).toBe(Math.ceil(seen.length / 3));
  });

  it("a building head's households come in room order across pages, owners before residents", async () => {
    const building = await t.deps.db.selectFrom('buildings').select('id').where('compound_id', '=', cy).where('name', '=', '10').executeTakeFirstOrThrow();
    const loudong = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'loudong').executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('role_assignments')
      .values({
        id: newId(),
        user_id: loudong.id,
        role: 'building_head',
        scope_kind: 'building',
        scope_id: building.id,
        party: null,
        organisation: null,
        title: '10栋楼栋长',
      })
      .execute();
    const head = await t.login('loudong');

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await t.ok(activationEndpoints.households, { cookie: head, params: { compoundId: cy }, query: { limit: 2, after, show: 'all' } });
      seen.push(...page.items.map((h) => `${h.unitLabel} ${h.relation}`));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(['10栋1单元101 owner', '10栋1单元102 owner', '10栋1单元201 owner', '10栋1单元1001 owner', '10栋1单元1001 resident']);
  });

  it("staff see the whole compound's households in the same order, 2栋 before 10栋", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await t.ok(activationEndpoints.households, { cookie: staff, params: { compoundId: cy }, query: { limit: 4, after, show: 'all' } });
      seen.push(...page.items.map((h) => h.unitLabel));
      after = page.next ?? undefined;
    } while (after);
    const ours = seen.filter((label) => !label.startsWith('1栋'));
    expect([...new Set(ours)]).toEqual(OURS.map((key) => key.split('-')).map(([b, e, r]) => `${b}栋${e}单元${r}`));
    expect(seen.findIndex((label) => label.startsWith('2栋'))).toBeGreaterThan(seen.findLastIndex((label) => label.startsWith('1栋')));
  });
});
