/** Storage of the notices a vote's stages publish (append-only) and the timeline's due work. */
import type { PageRequest } from '@yishi/core';
import type { Insertable } from 'kysely';
import { desc, readPage } from '../keyset.js';
import type { Db } from './places.repository.js';
import type { VoteNoticeTable } from '../tables/votes.table.js';

export function insertVoteNotice(db: Db, row: Insertable<VoteNoticeTable>) {
  return db.insertInto('vote_notices').values(row).execute();
}

/** A vote's notices, oldest first. */
export function listNoticesOfVote(db: Db, voteId: string) {
  return db.selectFrom('vote_notices').selectAll().where('vote_id', '=', voteId).orderBy('published_at').orderBy('id').execute();
}

/** One page of a compound's notices for the board, newest first (the id breaks ties), with their vote's title. */
export function readNoticesOfCompoundPage(db: Db, compoundId: string, page: PageRequest) {
  const query = db
    .selectFrom('vote_notices as n')
    .innerJoin('votes as v', 'v.id', 'n.vote_id')
    .selectAll('n')
    .select('v.title as vote_title')
    .where('n.compound_id', '=', compoundId);
  return readPage(query, [desc('n.published_at', 'published_at'), desc('n.id', 'id')], page);
}

/** Statutory votes with a preliminary result whose 询异 window has ended. */
export function listVotesDueToFinalise(db: Db, nowIso: string) {
  return db
    .selectFrom('votes')
    .select('id')
    .where('status', '=', 'closed')
    .where('statutory', '=', 1)
    .where('finalised_at', 'is', null)
    .where('objection_ends_at', '<=', nowIso)
    .execute();
}
