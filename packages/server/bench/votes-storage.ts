/**
 * The 100,000-unit vote of the tally benchmarks (tally.bench.ts in memory, votes-scale.bench.ts from
 * each database): its roll, 70,000 ballots, and the rows written straight into the tables. (The
 * ballots benchmark, votes.bench.ts, measures casting over HTTP against its own ceiling server.)
 */
import type { ElectorateEntry, VoteKind } from '@yishi/core';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { insertSyntheticVote, syntheticBallot } from '../src/testing/synthetic-vote.js';

/** The 100,000-unit vote tallied in memory and from each database. */
export function bigVote() {
  const UNITS = 100_000;
  const electorate: ElectorateEntry[] = Array.from({ length: UNITS }, (_, i) => ({
    voterKey: `u${i}`,
    ownerPersonIds: [`p${i % 97_000}`], // some owners hold several units
    areaCenti: 6_000 + ((i * 7919) % 9_000),
    developerHeld: i >= UNITS - 500,
  }));
  const ballots = electorate.slice(0, 70_000).map((e, i) => ({ voterKey: e.voterKey, choices: [i % 4 === 0 ? 'no' : 'yes'] }));
  const options = [
    { id: 'yes', label: '同意' },
    { id: 'no', label: '反对' },
    { id: 'abstain', label: '弃权' },
  ];
  const input = { kind: 'yes_no' as VoteKind, electorateKind: 'owners' as const, rule: { kind: 'art278' as const, matter: 5 as const }, options, seats: 1 };
  return { input, electorate, ballots };
}

/** The 100,000-unit vote and its 70,000 ballots written straight into the tables, open and past its closing time. */
export async function insertBigVote(db: Kysely<Database>, dialect: DialectName, compoundId: string, voteId = 'big'): Promise<void> {
  const { input, electorate, ballots } = bigVote();
  const now = new Date().toISOString();
  // Synthetic units and a synthetic creator that exist only in this vote: no foreign keys.
  const roll = electorate.map((e) => ({
    vote_id: voteId,
    voter_key: e.voterKey,
    unit_id: e.voterKey,
    person_id: null,
    label: e.voterKey,
    owner_person_ids: JSON.stringify(e.ownerPersonIds),
    area_centi: e.areaCenti,
    developer_held: e.developerHeld ? 1 : 0,
  }));
  const rows = ballots.map((b, i) => syntheticBallot(voteId, i, { unitId: b.voterKey, personId: null }, b.choices, now));
  const vote = { ...input, id: voteId, compoundId, title: '十万户', maxChoices: 1, closesAt: now };
  await insertSyntheticVote(db, vote, roll, rows);
  // What autovacuum does soon after such a load on a live server.
  if (dialect === 'postgres') await sql`ANALYZE vote_electorate, ballots`.execute(db);
}
