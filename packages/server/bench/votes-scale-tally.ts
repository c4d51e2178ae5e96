/**
 * One part of the votes-at-scale benchmark (votes-scale.bench.ts): the tally of a 100,000-unit vote
 * read from the database — the roll and 70,000 ballots written straight into the tables — and the
 * whole close of that vote, on one storage. The tally reads the packed copy of the roll written at
 * opening and the ballots grouped by choice (services/vote-tally.ts). References measured in the same
 * run: the read as closing did it before issue 18 (every column, sorted by label, every JSON parsed),
 * the roll read as 100,000 rows of its four columns (the tally's read before the packed roll), and a
 * raw SELECT of the roll's and the ballots' rows with nothing done to them (the old floor).
 */
import type { TallyResult } from '@yishi/core';
import type { Db } from '../src/db/repositories/places.repository.js';
import type { Deps } from '../src/deps.js';
import * as repo from '../src/db/repositories/votes.repository.js';
import { ballotsForTally, rollForTally } from '../src/services/vote-tally.js';
import { closeVote, electorateEntries, tallyFromDb, tallyOfVote, voterKeyOf } from '../src/services/votes.service.js';

/** The 100,000-unit vote as votes-storage.ts insertBigVote writes it. */
export const BIG_VOTE_ID = 'big-tally';

/**
 * Medians of `runs` timed rounds after `warm` untimed ones; each round runs every measured step once,
 * in turn, so a step and its references meet the same load on a shared machine.
 */
export async function alternatingMedians<S extends ReadonlyArray<() => Promise<unknown>>>(
  steps: readonly [...S],
  runs = 7,
  warm = 1,
): Promise<{ [K in keyof S]: number }> {
  const times = steps.map(() => [] as number[]);
  for (let round = 0; round < warm + runs; round += 1)
    for (const [k, step] of steps.entries()) {
      const start = performance.now();
      await step();
      if (round >= warm) times[k]!.push(performance.now() - start);
    }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!) as { [K in keyof S]: number };
}

/** The tally as closing read it before issue 18: every column, sorted by label, every JSON parsed. */
async function tallyAsBefore(db: Db, voteId: string): Promise<TallyResult> {
  const vote = await db.selectFrom('votes').selectAll().where('id', '=', voteId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('vote_electorate').selectAll().where('vote_id', '=', voteId).orderBy('label').execute();
  const electorate = rows.map((r) => ({
    voterKey: r.voter_key,
    ownerPersonIds: JSON.parse(r.owner_person_ids) as string[],
    areaCenti: r.area_centi,
    developerHeld: r.developer_held === 1,
  }));
  const ballots = (await db.selectFrom('ballots').select(['unit_id', 'person_id', 'choices_json']).where('vote_id', '=', voteId).execute()).map((b) => ({
    voterKey: voterKeyOf(b),
    choices: JSON.parse(b.choices_json) as string[],
  }));
  return tallyOfVote(vote, electorate, ballots);
}

/** The tally as closing read it before the packed roll: the roll's four columns as 100,000 rows, unsorted (the ballots grouped, as now). */
async function tallyFromRollRows(db: Db, vote: Awaited<ReturnType<typeof repo.findVote>> & object): Promise<TallyResult> {
  const electorate = electorateEntries(await repo.listElectorateForTally(db, vote.id));
  return tallyOfVote(vote, electorate, await ballotsForTally(db, vote.id));
}

/** The floor: the same rows read with nothing done to them. */
async function rawRead(db: Db, voteId: string): Promise<number> {
  const roll = await db
    .selectFrom('vote_electorate')
    .select(['voter_key', 'owner_person_ids', 'area_centi', 'developer_held'])
    .where('vote_id', '=', voteId)
    .execute();
  const ballots = await db.selectFrom('ballots').select(['unit_id', 'person_id', 'choices_json']).where('vote_id', '=', voteId).execute();
  return roll.length + ballots.length;
}

export interface TallyFigures {
  beforeMs: number;
  rollRowsMs: number;
  inMemoryMs: number;
  tallyMs: number;
  rawMs: number;
  closeMs: number;
  same: boolean;
  passed: boolean;
}

/** Times the three reads, then the whole close (reopened between runs). */
export async function measureBigTally(deps: Deps): Promise<TallyFigures> {
  const { db } = deps;
  const vote = await db.selectFrom('votes').selectAll().where('id', '=', BIG_VOTE_ID).executeTakeFirstOrThrow();
  const before = await tallyAsBefore(db, BIG_VOTE_ID);
  const now = await tallyFromDb(db, vote);
  const same = JSON.stringify(before) === JSON.stringify(now) && JSON.stringify(await tallyFromRollRows(db, vote)) === JSON.stringify(now);
  // Core's count alone, on the input the read gives (what is left when reading costs nothing).
  const input = { roll: await rollForTally(db, vote.id), ballots: await ballotsForTally(db, vote.id) };
  const [beforeMs, tallyMs, rawMs, rollRowsMs, inMemoryMs] = await alternatingMedians(
    [
      () => tallyAsBefore(db, BIG_VOTE_ID),
      () => tallyFromDb(db, vote),
      () => rawRead(db, BIG_VOTE_ID),
      () => tallyFromRollRows(db, vote),
      async () => tallyOfVote(vote, input.roll, input.ballots),
    ],
    15,
  );
  const reopen = () =>
    db.updateTable('votes').set({ status: 'open', closed_at: null, result_json: null, closes_at: vote.closes_at }).where('id', '=', BIG_VOTE_ID).execute();
  // The whole close, reopened between runs (the reopening not timed).
  const closes: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    await closeVote(deps, BIG_VOTE_ID, null);
    closes.push(performance.now() - start);
    await reopen();
  }
  const closeMs = closes.sort((a, b) => a - b)[2]!;
  return { beforeMs, rollRowsMs, inMemoryMs, tallyMs, rawMs, closeMs, same, passed: now.passed };
}
