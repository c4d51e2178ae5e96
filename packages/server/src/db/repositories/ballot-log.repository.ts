/** Storage of each vote's append-only ballot log and its head row (core/votes/ballot-log.ts). */
import { insertRow } from '../reusable-query.js';
import type { Db } from './places.repository.js';
import type { BallotLogTable } from '../tables/votes.table.js';

/**
 * Moves the vote's log head one step and returns the new position with the previous hash. The
 * UPDATE comes first so that, on PostgreSQL, its row lock serialises the appends of one vote
 * (ballots of a vote are otherwise cast in parallel under a share lock on the vote row).
 */
export async function advanceBallotLogHead(db: Db, voteId: string, genesisHash: string): Promise<{ position: number; prevHash: string }> {
  await db
    .insertInto('ballot_log_heads')
    .values({ vote_id: voteId, last_position: 0, last_hash: genesisHash })
    .onConflict((oc) => oc.column('vote_id').doNothing())
    .execute();
  const head = await db
    .updateTable('ballot_log_heads')
    .set((eb) => ({ last_position: eb('last_position', '+', 1) }))
    .where('vote_id', '=', voteId)
    .returning(['last_position', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { position: Number(head.last_position), prevHash: head.last_hash };
}

/** Writes the entry and moves the head's hash to it (after advanceBallotLogHead). */
export async function insertBallotLogEntry(db: Db, entry: BallotLogTable): Promise<void> {
  await insertBallotLogRow(db, entry);
  await db.updateTable('ballot_log_heads').set({ last_hash: entry.hash }).where('vote_id', '=', entry.vote_id).execute();
}

/** The entry alone. */
async function insertBallotLogRow(db: Db, entry: BallotLogTable): Promise<void> {
  await insertRow(db, 'ballot_log', entry);
}

/** A vote's log in position order. */
export function listBallotLog(db: Db, voteId: string) {
  return db.selectFrom('ballot_log').selectAll().where('vote_id', '=', voteId).orderBy('position').execute();
}

export function findBallotLogHead(db: Db, voteId: string) {
  return db.selectFrom('ballot_log_heads').select(['last_position', 'last_hash']).where('vote_id', '=', voteId).executeTakeFirst();
}
