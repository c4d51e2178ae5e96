/**
 * Freezing an owners' roll in SQL (repo.insertOwnersRoll, issue 18) against the rows it replaces —
 * buildElectorate's, built in JavaScript from the units and owners: the same entries, labels, owners
 * lists (sorted, JSON, escaped), areas and developer flags, for a compound and for one building, with
 * buildings and entrances named in digits, in words and left empty, co-owners stored in any order, a
 * developer flat with owners and a flat without any. Also what opening asks of the database: the same
 * statements for 20 more flats as for 200 more (one INSERT … SELECT, whatever the roll's size).
 */
import { voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertBuildings, insertUnits } from '../db/repositories/roster.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import { bigRoster } from '../testing/big-roster.js';
import { countingDb } from '../testing/statement-counter.js';
import { insertSyntheticVote } from '../testing/synthetic-vote.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { buildElectorate, openVote } from './votes.service.js';

let t: TestApp;
let cy: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => new Date('2026-11-16T02:00:00.000Z') });
  cy = await t.compoundId('CY');
}, 60_000);
afterEach(() => t.close());

const AT = '2026-11-16T02:00:00.000Z';

/** Buildings, flats and owners the demo does not have: names in digits, in words and empty, co-owners out of order. */
async function oddPlaces(): Promise<string> {
  const db = t.deps.db;
  const buildings = [
    { id: 'rb-digits', name: '12' },
    { id: 'rb-words', name: 'A座' },
    { id: 'rb-mixed', name: '3号' },
  ];
  await insertBuildings(
    db,
    buildings.map((b) => ({ ...b, compound_id: cy, grid_id: null, created_at: AT })),
  );
  const units = [
    { id: 'ru-1', building_id: 'rb-digits', entrance: '2', room: '501', developer_held: 0 },
    { id: 'ru-2', building_id: 'rb-digits', entrance: '', room: '101', developer_held: 0 },
    { id: 'ru-3', building_id: 'rb-words', entrance: '东区', room: '1201', developer_held: 0 },
    { id: 'ru-4', building_id: 'rb-words', entrance: '07', room: 'B2', developer_held: 1 },
    { id: 'ru-5', building_id: 'rb-mixed', entrance: '2a', room: '301', developer_held: 0 },
  ];
  const nameOf = new Map(buildings.map((b) => [b.id, b.name]));
  await insertUnits(
    db,
    units.map((u, i) => ({
      ...u,
      building: nameOf.get(u.building_id)!,
      compound_id: cy,
      area_centi: 8_956 + i,
      area_source: 'registered' as const,
      created_at: AT,
      updated_at: AT,
    })),
  );
  // Ids as JSON.stringify must quote them: a quote and a backslash (generated ids hold neither).
  const persons = ['zz-last', 'aa-first', 'Mm-upper', 'q"uote\\back'];
  await db
    .insertInto('persons')
    .values(persons.map((id) => ({ id, name: id, phone: null, created_at: AT })))
    .execute();
  const ownerships = [
    ['ru-1', 'zz-last'],
    ['ru-1', 'aa-first'],
    ['ru-1', 'Mm-upper'],
    ['ru-3', 'q"uote\\back'],
    ['ru-3', 'aa-first'],
    ['ru-4', 'zz-last'],
    ['ru-5', 'Mm-upper'],
  ];
  await db
    .insertInto('ownerships')
    .values(ownerships.map(([unit_id, person_id]) => ({ unit_id: unit_id!, person_id: person_id!, created_at: AT })))
    .execute();
  return 'rb-digits';
}

async function draft(id: string, buildingId: string | null): Promise<void> {
  const vote = { id, compoundId: cy, title: 'roll', kind: 'yes_no' as const, electorateKind: 'owners' as const, options: [], maxChoices: 1 };
  await insertSyntheticVote(t.deps.db, { ...vote, rule: { kind: 'simple_majority' }, closesAt: '2026-11-20T02:00:00.000Z' }, [], []);
  await t.deps.db.updateTable('votes').set({ status: 'draft', building_id: buildingId }).where('id', '=', id).execute();
}

const byKey = (rows: ReadonlyArray<{ voter_key: string }>) => [...rows].sort((a, b) => (a.voter_key < b.voter_key ? -1 : a.voter_key > b.voter_key ? 1 : 0));

describe('freezing an owners roll in SQL', () => {
  it('writes the rows buildElectorate builds, for a compound and for one building', async () => {
    const building = await oddPlaces();
    for (const [voteId, buildingId] of [
      ['v-compound', null],
      ['v-building', building],
    ] as const) {
      await draft(voteId, buildingId);
      const vote = (await repo.findVote(t.deps.db, voteId))!;
      const expected = await buildElectorate(t.deps.db, vote);
      const answered = await repo.insertOwnersRoll(t.deps.db, voteId, cy, buildingId);
      const written = await t.deps.db.selectFrom('vote_electorate').selectAll().where('vote_id', '=', voteId).execute();
      expect(byKey(written)).toEqual(byKey(expected));
      // What it answers is what it wrote, as the tally reads it (the opening packs these rows).
      const asTallied = (rows: typeof written | typeof answered) =>
        rows.map((r) => ({ voter_key: r.voter_key, owner_person_ids: r.owner_person_ids, area_centi: r.area_centi, developer_held: r.developer_held }));
      expect(byKey(asTallied(answered))).toEqual(byKey(asTallied(written)));
    }
    const odd = await t.deps.db
      .selectFrom('vote_electorate')
      .select(['voter_key', 'label', 'owner_person_ids'])
      .where('vote_id', '=', 'v-compound')
      .where('voter_key', 'like', 'ru-%')
      .orderBy('voter_key')
      .execute();
    expect(odd).toEqual([
      { voter_key: 'ru-1', label: '12栋2单元501', owner_person_ids: '["Mm-upper","aa-first","zz-last"]' },
      { voter_key: 'ru-2', label: '12栋101', owner_person_ids: '[]' },
      { voter_key: 'ru-3', label: 'A座东区1201', owner_person_ids: JSON.stringify(['aa-first', 'q"uote\\back']) },
      { voter_key: 'ru-4', label: 'A座07单元B2', owner_person_ids: '[]' },
      { voter_key: 'ru-5', label: '3号2a301', owner_person_ids: '["Mm-upper"]' },
    ]);
  });

  it('opens a vote with the same statements for 20 more flats as for 200 more, never reading the roll back', async () => {
    const staff = await t.login('cuiyuan');
    const statements: number[] = [];
    for (const flats of [20, 200]) {
      // Each round adds flats in buildings of its own (bigRoster numbers buildings from 1; the second round's start after the first's).
      const csv = bigRoster(flats)
        .split('\r\n')
        .map((line, i) => (i === 0 ? line : `${flats}${line}`))
        .join('\r\n');
      const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, headers: { 'content-type': 'text/csv' }, body: csv });
      expect(imported.status).toBe(200);
      const closesAt = '2026-11-20T02:00:00.000Z';
      const body = { title: `增设充电桩（${flats}）`, kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt } as const;
      const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: cy }, body });
      const { db, seen } = countingDb(t.deps.db);
      await openVote({ ...t.deps, db }, id);
      statements.push(seen.statements);
      // The packed copy is made from the rows the INSERT answered (RETURNING): the roll is not read back.
      expect(seen.reads.get('vote_electorate') ?? 0).toBe(0);
      const roll = await repo.countElectorate(t.deps.db, id);
      expect(Number(roll.voters)).toBeGreaterThan(flats);
    }
    expect(statements[1]).toBe(statements[0]);
  });
});
