/**
 * Migration 20270112090000_roll_sort_keys fills the keys of the rolls already frozen: an owners'
 * entry its unit's key (the roster's order), a resident's the key of its label — the keys freezing a
 * roll writes now; down and up again on SQLite and PostgreSQL (scripts/test-pg.sh).
 */
import { voteEndpoints } from '@yishi/core';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { migrations } from './migrations/index.js';
import { naturalKey } from './natural-key.js';

let t: TestApp;
const votes: Record<'owners' | 'residents', string> = { owners: '', residents: '' };
beforeAll(async () => {
  t = await createTestApp();
  const cy = await t.compoundId('CY');
  const staff = await t.login('cuiyuan');
  const roster = [
    '楼栋,单元,房号,面积,业主,手机',
    '10,1,1001,90,甲一,13911140001',
    '10,1,201,90,甲二,13911140002',
    '2,12,101,90,乙一,13911140003',
    '2,3,101,90,乙二,13911140004',
  ];
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, body: roster.join('\n'), headers: { 'content-type': 'text/csv' } });
  expect(imported.status, await imported.clone().text()).toBe(200);
  for (const electorateKind of ['owners', 'residents'] as const) {
    const { id } = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: cy },
      body: {
        title: '是否同意更换小区门禁系统',
        kind: 'yes_no',
        electorateKind,
        rule: { kind: 'simple_majority' },
        closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    });
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
    votes[electorateKind] = id;
  }
}, 60_000);
afterAll(() => t.close());

describe('roll sort keys migration', () => {
  it('writes the keys of the rolls already frozen, the same freezing writes now, and the database orders the roll by number', async () => {
    const db = t.deps.db;
    const written = await db.selectFrom('vote_electorate').select(['vote_id', 'voter_key', 'sort_key']).execute();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('20270111090000_roster_sort_keys');
    expect(down.error).toBeUndefined();
    // Later migrations go down first; this one last.
    expect(down.results?.map((r) => [r.migrationName, r.direction]).slice(-1)).toEqual([['20270112090000_roll_sort_keys', 'Down']]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();

    const filled = await db
      .selectFrom('vote_electorate as ve')
      .leftJoin('units as u', 'u.id', 've.unit_id')
      .select(['ve.vote_id', 've.voter_key', 've.label', 've.unit_id', 've.sort_key', 'u.sort_key as unit_key'])
      .execute();
    expect(filled.length).toBeGreaterThan(100);
    expect(filled.filter((e) => e.unit_id === null).length).toBeGreaterThan(10);
    for (const e of filled) expect(e.sort_key, e.label).toBe(e.unit_id === null ? naturalKey(e.label) : e.unit_key);
    // The same keys as the freezing wrote.
    const key = (e: { vote_id: string; voter_key: string; sort_key: string }) => `${e.vote_id}|${e.voter_key}|${e.sort_key}`;
    expect(filled.map(key).sort()).toEqual(written.map(key).sort());

    const ordered = await db
      .selectFrom('vote_electorate')
      .select('label')
      .where('vote_id', '=', votes.owners)
      .where('label', 'not like', '1栋%')
      .orderBy('sort_key')
      .orderBy('voter_key')
      .execute();
    expect(ordered.map((e) => e.label)).toEqual(['2栋3单元101', '2栋12单元101', '10栋1单元201', '10栋1单元1001']);
  });
});
