import { compareLabels, compoundEndpoints, rosterEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let cy: string;
beforeEach(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
  cy = await t.compoundId('CY');
});
afterEach(() => t.close());

describe('compound overview', () => {
  it('shows buildings, units, owners, area and the four parties', async () => {
    const cookie = await t.login('shequ');
    const body = await t.ok(compoundEndpoints.overview, { cookie, params: { compoundId: dsct } });
    expect(body.compound.name).toBe('都市春天小区');
    // 120 units; 6 held by the developer; 王建国 owns two; 1-1-101 has two co-owners.
    expect(body.stats).toMatchObject({ buildings: 3, units: 120, developerHeldUnits: 6, owners: 114 });
    expect(body.stats.totalAreaCenti).toBeGreaterThan(120 * 8000);
    expect(body.parties.department.map((p) => p.organisation).sort()).toEqual(['区住房和城乡建设局', '区城市管理局'].sort());
    expect(body.parties.property_manager[0]?.name).toBe('吴涛');
    // The owners' committee's five members represent it (its chair 郑国华 among them).
    expect(body.parties.owners_committee.map((p) => p.name)).toContain('郑国华');
    expect(body.parties.owners_committee).toHaveLength(5);
    expect(body.parties.community[0]?.name).toBe('周丽');
    expect(body.station.map((s) => [s.role, s.name])).toContainEqual(['station_chief', '陈志强']);
  });

  // Each role: allowed in its own compound, refused in the other.
  const cases: Array<[string, string, number, number]> = [
    ['jiedao (subdistrict committee)', 'jiedao', 200, 200],
    ['shequ (community staff)', 'shequ', 200, 200],
    ['zhanzhang (station chief)', 'zhanzhang', 200, 403],
    ['fuzhan (deputy)', 'fuzhan', 200, 403],
    ['wangge (grid worker)', 'wangge', 200, 403],
    ['zhujian (department rep)', 'zhujian', 200, 403],
    ['loudong (building head)', 'loudong', 200, 403],
    ['yezhu (owner)', 'yezhu', 200, 403],
    ['jumin (resident)', 'jumin', 200, 403],
    ['cuiyuan (other compound chief)', 'cuiyuan', 403, 200],
  ];
  for (const [label, login, inDsct, inCy] of cases) {
    it(`${label}: ${inDsct} in 都市春天, ${inCy} in 翠苑`, async () => {
      const cookie = await t.login(login);
      expect((await t.api(compoundEndpoints.overview, { cookie, params: { compoundId: dsct } })).status).toBe(inDsct);
      expect((await t.api(compoundEndpoints.overview, { cookie, params: { compoundId: cy } })).status).toBe(inCy);
    });
  }

  it('anonymous callers are asked to log in; unknown compounds are 404', async () => {
    expect((await t.api(compoundEndpoints.overview, { params: { compoundId: dsct } })).status).toBe(401);
    const cookie = await t.login('jiedao');
    expect((await t.api(compoundEndpoints.overview, { cookie, params: { compoundId: 'nope' } })).status).toBe(404);
  });

  it('the roster with phone numbers is for compound staff only', async () => {
    const units = async (login: string, after?: string) =>
      t.api(rosterEndpoints.units, { cookie: await t.login(login), params: { compoundId: dsct }, query: { limit: 50, after } });
    // 120 units in pages of 50: each exactly once, in building, entrance and room order.
    const pages = [];
    let after: string | undefined;
    do {
      const roster = await units('zhanzhang', after);
      expect(roster.status).toBe(200);
      pages.push(roster.data!.items);
      after = roster.data!.next ?? undefined;
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    const all = pages.flat();
    expect(new Set(all.map((u) => u.id)).size).toBe(120);
    // Numbers as numbers: room 1001 (the 10th floor) after 902, not before 101; then the next entrance.
    const order = (a: (typeof all)[number], b: (typeof all)[number]) =>
      compareLabels(a.building, b.building) || compareLabels(a.entrance, b.entrance) || compareLabels(a.room, b.room);
    expect(all.map((u) => u.id)).toEqual([...all].sort(order).map((u) => u.id));
    expect(all.slice(17, 21).map((u) => u.room)).toEqual(['902', '1001', '1002', '101']);
    expect(all.filter((u) => u.developerHeld)).toHaveLength(6);
    expect(all.find((u) => !u.developerHeld)?.owners.length).toBeGreaterThan(0);
    expect((await units('yezhu')).status).toBe(403);
    expect((await units('loudong')).status).toBe(403);
  });
});
