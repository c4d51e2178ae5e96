/**
 * A vote written straight into the tables for tests and benchmarks of the tally: its roll and
 * ballots belong to synthetic voters that exist only in this vote (foreign keys off while written),
 * and its packed roll is written as opening writes it.
 */
import type { ElectorateKind, VoteKind } from '@yishi/core';
import { sql, type Insertable, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/database.js';
import { naturalKey } from '../db/natural-key.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { BallotTable, VoteElectorateTable } from '../db/tables/votes.table.js';
import { freezePackedRoll } from '../services/vote-tally.js';

/** A ballot row as cast online (a residents' poll keys it by person, an owners' vote by unit). */
export function syntheticBallot(
  voteId: string,
  i: number,
  voter: { unitId: string | null; personId: string | null },
  choices: readonly string[],
  castAt: string,
) {
  return {
    id: `${voteId}-b${i}`,
    vote_id: voteId,
    unit_id: voter.unitId,
    person_id: voter.personId,
    choices_json: JSON.stringify(choices),
    channel: 'online' as const,
    cast_by_user_id: null,
    entered_by_user_id: null,
    slip_number: '',
    receipt_code: `R-${voteId}-${i}`,
    version: 1,
    cast_at: castAt,
  } satisfies Insertable<BallotTable>;
}

export async function insertBallotRows(db: Db, rows: ReadonlyArray<Insertable<BallotTable>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('ballots')
      .values(rows.slice(i, i + 500))
      .execute();
}

export interface SyntheticVote {
  id: string;
  compoundId: string;
  title: string;
  kind: VoteKind;
  electorateKind: ElectorateKind;
  options: ReadonlyArray<{ id: string; label: string }>;
  maxChoices: number;
  rule: unknown;
  /** Its closing time; it is open. */
  closesAt: string;
}

/** Writes an open vote, its roll and ballots in one transaction, and its packed roll. */
export async function insertSyntheticVote(
  db: Kysely<Database>,
  vote: SyntheticVote,
  /** The roll's entries; one without a sort key gets its label's (naturalKey, as a residents' poll is frozen). */
  roll: ReadonlyArray<Omit<Insertable<VoteElectorateTable>, 'sort_key'> & { sort_key?: string }>,
  ballots: ReadonlyArray<Insertable<BallotTable>>,
): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const now = new Date().toISOString();
  if (!postgres) await sql`PRAGMA foreign_keys = OFF`.execute(db);
  await db.transaction().execute(async (trx) => {
    if (postgres) await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await trx
      .insertInto('votes')
      .values({
        id: vote.id,
        compound_id: vote.compoundId,
        building_id: null,
        title: vote.title,
        description: '',
        kind: vote.kind,
        electorate_kind: vote.electorateKind,
        options_json: JSON.stringify(vote.options),
        max_choices: vote.maxChoices,
        rule_json: JSON.stringify(vote.rule),
        secret: 1,
        statutory: 0,
        status: 'open',
        closes_at: vote.closesAt,
        opened_at: now,
        source_kind: 'direct',
        created_by_user_id: 'x',
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (let i = 0; i < roll.length; i += 1000)
      await trx
        .insertInto('vote_electorate')
        .values(roll.slice(i, i + 1000).map((e) => ({ ...e, sort_key: e.sort_key ?? naturalKey(e.label) })))
        .execute();
    await insertBallotRows(trx, ballots);
    // What opening writes once the roll is final: its packed copy, which closing's tally reads.
    await freezePackedRoll(trx, vote.id);
  });
  if (!postgres) await sql`PRAGMA foreign_keys = ON`.execute(db);
}
