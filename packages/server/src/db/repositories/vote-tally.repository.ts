/**
 * What closing's tally reads, compactly: the packed copy of a vote's frozen roll (one row) and its
 * ballots grouped by what they chose (one row per distinct choice, with the voters who made it).
 */
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../dialect.js';
import type { VotePackedRollTable } from '../tables/votes.table.js';
import type { Db } from './places.repository.js';

export function insertPackedRoll(db: Db, row: Insertable<VotePackedRollTable>) {
  return db.insertInto('vote_packed_rolls').values(row).execute();
}

export function findPackedRoll(db: Db, voteId: string) {
  return db
    .selectFrom('vote_packed_rolls')
    .select(['entries', 'keys_text', 'owner_sets_text', 'numbers_json'])
    .where('vote_id', '=', voteId)
    .executeTakeFirst();
}

/**
 * The ballots of a vote as few rows: per distinct stored choice (`["yes"]`), how many ballots made it
 * and their voter keys (unit, or person in a residents' poll) comma-separated.
 */
export async function listBallotGroupsForTally(db: Db, voteId: string) {
  const keys =
    dialectOf(db) === 'postgres' ? sql<string>`string_agg(coalesce(unit_id, person_id), ',')` : sql<string>`group_concat(coalesce(unit_id, person_id), ',')`;
  const { rows } = await sql<{ choices_json: string; ballots: number | string; keys: string }>`
    select choices_json, count(*) as ballots, ${keys} as keys from ballots where vote_id = ${voteId} group by choices_json`.execute(db);
  return rows.map((r) => ({ choices_json: r.choices_json, ballots: Number(r.ballots), keys: r.keys }));
}

/** The voter keys of the ballots that made one stored choice (when a key holds a comma, the grouped list cannot be split). */
export async function listBallotKeysOfChoice(db: Db, voteId: string, choicesJson: string): Promise<string[]> {
  const rows = await db.selectFrom('ballots').select(['unit_id', 'person_id']).where('vote_id', '=', voteId).where('choices_json', '=', choicesJson).execute();
  return rows.map((r) => (r.unit_id ?? r.person_id)!);
}
