/**
 * Closing's tally from the packed roll and grouped ballots (vote-tally.ts) against the read it
 * replaces — every row of the roll and every ballot — on random rolls with co-owners (named in any
 * order, twice), owners of several flats, developer flats, units without owners and zero areas, in
 * owners' votes and a residents' poll, with ballots from outside the roll and choices that are not
 * options. Also what it asks of the database: two statements, one row for the roll and one per
 * distinct choice, however many ballots; and the packed copy written when a vote opens.
 */
import { voteEndpoints, type VoteKind } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../db/repositories/votes.repository.js';
import { countingDb } from '../testing/statement-counter.js';
import { insertSyntheticVote, syntheticBallot } from '../testing/synthetic-vote.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { rollForTally, tallyFromDb, unpackRoll } from './vote-tally.js';
import { electorateEntries, tallyOfVote, voterKeyOf } from './votes.service.js';
import { readWholeRoll } from './whole-roll.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ clock: () => new Date('2026-11-16T02:00:00.000Z') });
}, 60_000);
afterEach(() => t.close());

/** A small seeded generator (mulberry32): the same rolls on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTIONS = ['o1', 'o2', 'o3', 'abstain'];

/** A vote with a random roll and ballots written straight into the tables, and its packed roll. */
async function randomVote(seed: number, electorateKind: 'owners' | 'residents', kind: VoteKind, units: number, odd = false): Promise<string> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const persons = Array.from({ length: Math.max(2, Math.floor(units / 3)) }, (_, i) => `p${seed}-${i}`);
  const voteId = `v${seed}`;
  const roll = Array.from({ length: units }, (_, i) => {
    const r = rnd();
    const developer = electorateKind === 'owners' && r < 0.1;
    let owners: string[] = [];
    if (electorateKind === 'owners' && !developer && r >= 0.15)
      owners = r < 0.35 ? [pick(persons), pick(persons), pick(persons)].slice(0, 2 + Math.floor(rnd() * 2)) : [pick(persons)];
    return {
      vote_id: voteId,
      // An odd roll has a comma in a key: it is not packed.
      voter_key: odd && i === 7 ? `k${seed},${i}` : `k${seed}-${i}`,
      unit_id: null,
      person_id: null,
      label: `${i}`,
      owner_person_ids: JSON.stringify(owners),
      area_centi: electorateKind === 'residents' || rnd() < 0.05 ? 0 : 3_000 + Math.floor(rnd() * 2_000_000),
      developer_held: developer ? 1 : 0,
    };
  });
  // Someone not on the roll votes too; in an odd vote with a comma in their key, so their choice's keys do not split.
  const voters = [...roll.map((e) => e.voter_key).filter(() => rnd() < 0.7), odd ? `out,sider-${seed}` : `outsider-${seed}`];
  const choices = () => (kind === 'yes_no' ? [pick(['yes', 'no', 'abstain'])] : [pick([...OPTIONS, 'bogus']), ...(rnd() < 0.3 ? [pick(OPTIONS)] : [])]);
  const ballots = voters.map((key, i) =>
    syntheticBallot(
      voteId,
      i,
      electorateKind === 'owners' ? { unitId: key, personId: null } : { unitId: null, personId: key },
      choices(),
      '2026-11-16T02:00:00.000Z',
    ),
  );
  const options = (kind === 'yes_no' ? ['yes', 'no', 'abstain'] : OPTIONS).map((id) => ({ id, label: id }));
  const rule = electorateKind === 'owners' ? { kind: 'art278', matter: 5 } : { kind: 'simple_majority' };
  const vote = { id: voteId, compoundId: await t.compoundId('CY'), title: 'random', kind, electorateKind, options, rule };
  await insertSyntheticVote(t.deps.db, { ...vote, maxChoices: kind === 'yes_no' ? 1 : 2, closesAt: '2026-11-20T02:00:00.000Z' }, roll, ballots);
  return voteId;
}

/** The tally as closing read it before: every roll row, every ballot row, every JSON list parsed. */
async function tallyFromRows(voteId: string) {
  const vote = (await repo.findVote(t.deps.db, voteId))!;
  const electorate = electorateEntries(await readWholeRoll(t.deps.db, voteId));
  const ballots = (await repo.listBallotsForTally(t.deps.db, voteId)).map((b) => ({
    voterKey: voterKeyOf(b),
    choices: JSON.parse(b.choices_json) as string[],
  }));
  return tallyOfVote(vote, electorate, ballots);
}

describe('the tally from the packed roll and grouped ballots', () => {
  it('gives the result the rows give, on random rolls and ballots', async () => {
    const cases: Array<['owners' | 'residents', VoteKind]> = [
      ['owners', 'yes_no'],
      ['owners', 'multiple_choice'],
      ['owners', 'election'],
      ['residents', 'multiple_choice'],
      ['owners', 'yes_no'],
    ];
    for (const [seed, [electorateKind, kind]] of cases.entries()) {
      const voteId = await randomVote(seed + 1, electorateKind, kind, 150 + seed * 90);
      const vote = (await repo.findVote(t.deps.db, voteId))!;
      const expected = await tallyFromRows(voteId);
      expect(expected.ignoredBallots).toBe(1);
      expect(await tallyFromDb(t.deps.db, vote)).toEqual(expected);
      // The roll's entries themselves, value for value and in the rows' order.
      expect(await rollForTally(t.deps.db, voteId)).toEqual(electorateEntries(await repo.listElectorateForTally(t.deps.db, voteId)));
    }
  });

  it('reads one row for the roll and one per distinct choice, in two statements, at 100 and at 1,000 units', async () => {
    for (const [seed, units] of [
      [11, 100],
      [12, 1_000],
    ] as const) {
      const voteId = await randomVote(seed, 'owners', 'yes_no', units);
      const vote = (await repo.findVote(t.deps.db, voteId))!;
      const { db, seen } = countingDb(t.deps.db);
      await tallyFromDb(db, vote);
      expect(seen.statements).toBe(2);
      // yes, no, abstain: at most three groups of ballots.
      expect(seen.rows).toBeLessThanOrEqual(1 + 3);
      expect(seen.reads.get('vote_electorate')).toBeUndefined();
    }
  });

  it('reads the rows of a vote opened without a packed roll, with the same result', async () => {
    const voteId = await randomVote(21, 'owners', 'multiple_choice', 200);
    const vote = (await repo.findVote(t.deps.db, voteId))!;
    const packed = await tallyFromDb(t.deps.db, vote);
    await t.deps.db.deleteFrom('vote_packed_rolls').where('vote_id', '=', voteId).execute();
    const { db, seen } = countingDb(t.deps.db);
    expect(await tallyFromDb(db, vote)).toEqual(packed);
    expect(seen.reads.get('vote_electorate')).toBe(1);
  });

  it('reads the rows when a key holds a comma, with the result the rows give', async () => {
    const voteId = await randomVote(31, 'owners', 'multiple_choice', 200, true);
    expect(await t.deps.db.selectFrom('vote_packed_rolls').select('vote_id').where('vote_id', '=', voteId).executeTakeFirst()).toBeUndefined();
    const vote = (await repo.findVote(t.deps.db, voteId))!;
    const expected = await tallyFromRows(voteId);
    expect(expected.ignoredBallots).toBe(1);
    expect(await tallyFromDb(t.deps.db, vote)).toEqual(expected);
  });

  it('is written when a vote opens, holding its roll as frozen', async () => {
    const staff = await t.login('zhanzhang');
    const created = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: await t.compoundId('DSCT') },
      body: { title: '是否同意在东门增设快递柜', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: '2026-11-19T02:00:00.000Z' },
    });
    const db = t.deps.db;
    expect(await db.selectFrom('vote_packed_rolls').select('vote_id').where('vote_id', '=', created.id).executeTakeFirst()).toBeUndefined();
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: created.id } });
    const row = await db.selectFrom('vote_packed_rolls').selectAll().where('vote_id', '=', created.id).executeTakeFirstOrThrow();
    const rows = await repo.listElectorateForTally(db, created.id);
    expect(row.entries).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    const byKey = (a: { voterKey: string }, b: { voterKey: string }) => (a.voterKey < b.voterKey ? -1 : 1);
    expect(unpackRoll(row).sort(byKey)).toEqual(electorateEntries(rows).sort(byKey));
  });
});
