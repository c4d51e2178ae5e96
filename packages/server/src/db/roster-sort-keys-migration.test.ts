/**
 * Migration 20270111090000_roster_sort_keys fills the keys of the buildings and units already there
 * (the demo's, plus buildings and rooms whose text order is not their number order), the same keys the
 * roster's inserts write now; down and up again on SQLite and PostgreSQL (scripts/test-pg.sh).
 */
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { migrations } from './migrations/index.js';
import { naturalKey, unitSortKey } from './natural-key.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const cy = await t.compoundId('CY');
  const roster = [
    '楼栋,单元,房号,面积,业主,手机',
    '10,1,1001,90,甲一,13911130001',
    '10,1,201,90,甲二,13911130002',
    '2,12,101,90,乙一,13911130003',
    '2,3,101,90,乙二,13911130004',
  ];
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, {
    cookie: await t.login('cuiyuan'),
    body: roster.join('\n'),
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.status, await imported.clone().text()).toBe(200);
}, 60_000);
afterAll(() => t.close());

describe('roster sort keys migration', () => {
  it('writes the keys of existing buildings and units, the same the inserts write', async () => {
    const db = t.deps.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    // Down to the migration before it (the roll's keys, which copy the units', go down first), and up again.
    const down = await migrator.migrateTo('20270110090000_talk_resident_count');
    expect(down.error).toBeUndefined();
    // Later migrations go down first; these two last.
    expect(down.results?.map((r) => [r.migrationName, r.direction]).slice(-2)).toEqual([
      ['20270112090000_roll_sort_keys', 'Down'],
      ['20270111090000_roster_sort_keys', 'Down'],
    ]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();

    const buildings = await db.selectFrom('buildings').select(['name', 'sort_key']).execute();
    expect(buildings.length).toBeGreaterThan(3);
    for (const b of buildings) expect(b.sort_key).toBe(naturalKey(b.name));
    const units = await db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['buildings.name as building', 'units.entrance', 'units.room', 'units.sort_key'])
      .execute();
    expect(units.length).toBeGreaterThan(100);
    for (const u of units) expect(u.sort_key).toBe(unitSortKey(u.building, u.entrance, u.room));

    // The database orders them by number (byte order on both storages).
    const cy = await t.compoundId('CY');
    const ordered = await db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['buildings.name as building', 'units.entrance', 'units.room'])
      .where('units.compound_id', '=', cy)
      .where('buildings.name', '!=', '1')
      .orderBy('units.sort_key')
      .execute();
    expect(ordered.map((u) => `${u.building}-${u.entrance}-${u.room}`)).toEqual(['2-3-101', '2-12-101', '10-1-201', '10-1-1001']);
  });
});
