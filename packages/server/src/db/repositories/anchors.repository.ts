/** Storage of the published heads (core/anchors) and the current heads of the chains they anchor. */
import type { PublishedHeadTable } from '../tables/anchors.table.js';
import type { Db } from './places.repository.js';

export function insertPublishedHead(db: Db, row: PublishedHeadTable) {
  return db.insertInto('published_heads').values(row).execute();
}

/** The longest published head of every chain (a chain is published again only once it has grown). */
export function listLatestPublishedSeqs(db: Db) {
  return db
    .selectFrom('published_heads')
    .select((eb) => ['chain', 'scope_id', eb.fn.max<number>('seq').as('seq')])
    .groupBy(['chain', 'scope_id'])
    .execute();
}

/** The chains published on a China date (each is published at most once a day, but for a closed vote). */
export function listPublishedOn(db: Db, date: string) {
  return db.selectFrom('published_heads').select(['chain', 'scope_id']).where('published_on', '=', date).execute();
}

/** Every published head of a compound's chains, newest first. */
export function listPublishedHeadsOfCompound(db: Db, compoundId: string, limit: number) {
  return db
    .selectFrom('published_heads')
    .selectAll()
    .where('compound_id', '=', compoundId)
    .orderBy('published_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/** Every published head of every chain (`yishi verify-ledger`). */
export function listAllPublishedHeads(db: Db) {
  return db.selectFrom('published_heads').selectAll().orderBy('chain').orderBy('scope_id').orderBy('seq').execute();
}

/** The current head of every compound's ledger. */
export function listLedgerHeads(db: Db) {
  return db.selectFrom('ledger_heads').select(['compound_id', 'last_seq', 'last_hash']).execute();
}

/** The current head of every vote's ballot log, with the vote's compound. */
export function listBallotLogHeads(db: Db, voteId?: string) {
  let q = db
    .selectFrom('ballot_log_heads')
    .innerJoin('votes', 'votes.id', 'ballot_log_heads.vote_id')
    .select(['ballot_log_heads.vote_id', 'ballot_log_heads.last_position', 'ballot_log_heads.last_hash', 'votes.compound_id', 'votes.status']);
  if (voteId) q = q.where('ballot_log_heads.vote_id', '=', voteId);
  return q.execute();
}

/** The hash at each position of a chain, for holding it against published heads. */
export function listLedgerHashes(db: Db, compoundId: string) {
  return db.selectFrom('ledger_entries').select(['seq', 'hash']).where('compound_id', '=', compoundId).orderBy('seq').execute();
}

export function listBallotLogHashes(db: Db, voteId: string) {
  return db.selectFrom('ballot_log').select(['position as seq', 'hash']).where('vote_id', '=', voteId).orderBy('position').execute();
}

/** Names for the board: compounds and vote titles by id. */
export function findCompoundName(db: Db, compoundId: string) {
  return db.selectFrom('compounds').select(['id', 'name']).where('id', '=', compoundId).executeTakeFirst();
}

export function listVoteTitles(db: Db, voteIds: readonly string[]) {
  if (voteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('votes').select(['id', 'title']).where('id', 'in', voteIds).execute();
}

/** The compound of a meeting (whose minutes print the compound's heads). */
export function findMeetingCompound(db: Db, meetingId: string) {
  return db.selectFrom('meetings').select('compound_id').where('id', '=', meetingId).executeTakeFirst();
}

/** The votes a meeting raised: on the meeting itself or on one of its agenda items (their ballot logs' ids). */
export async function listVoteIdsOfMeeting(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('votes')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('source_kind', '=', 'meeting').and('source_id', '=', meetingId),
        eb('source_kind', '=', 'agenda_item').and('source_id', 'in', eb.selectFrom('meeting_agenda_items').select('id').where('meeting_id', '=', meetingId)),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}
