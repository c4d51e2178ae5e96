/** Storage of roll correction requests (名册核对) and ballot disputes (询异), and the corrections they apply. */
import type { PageRequest } from '@yishi/core';
import type { Insertable, Updateable } from 'kysely';
import { asc, readPage } from '../keyset.js';
import type { BallotDisputeTable, RollObjectionTable } from '../tables/vote-objections.table.js';
import type { BallotTable, VoteElectorateTable, VoteNoticeTable } from '../tables/votes.table.js';
import type { Db } from './places.repository.js';

export function insertRollObjection(db: Db, row: Insertable<RollObjectionTable>) {
  return db.insertInto('roll_objections').values(row).execute();
}

export function findRollObjection(db: Db, id: string) {
  return db.selectFrom('roll_objections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A vote's roll objections with who raised them and their unit's label on the roll (optionally only one user's). */
function rollObjectionsQuery(db: Db, voteId: string, raisedByUserId?: string) {
  const query = db
    .selectFrom('roll_objections')
    .leftJoin('users', 'users.id', 'roll_objections.raised_by_user_id')
    .leftJoin('persons', 'persons.id', 'roll_objections.raised_by_person_id')
    .leftJoin('vote_electorate as ve', (j) => j.onRef('ve.vote_id', '=', 'roll_objections.vote_id').onRef('ve.voter_key', '=', 'roll_objections.voter_key'))
    .selectAll('roll_objections')
    .select(['persons.name as person_name', 'users.display_name as user_name', 've.label as unit_label'])
    .where('roll_objections.vote_id', '=', voteId);
  return raisedByUserId ? query.where('roll_objections.raised_by_user_id', '=', raisedByUserId) : query;
}

/** A vote's roll objections with who raised them, oldest first (optionally only one user's). */
export function listRollObjections(db: Db, voteId: string, raisedByUserId?: string) {
  return rollObjectionsQuery(db, voteId, raisedByUserId).orderBy('roll_objections.created_at').orderBy('roll_objections.id').execute();
}

/** One page of a vote's roll objections (only one user's when given), oldest first (the id breaks ties). */
export function readRollObjectionsPage(db: Db, voteId: string, raisedByUserId: string | undefined, page: PageRequest) {
  return readPage(rollObjectionsQuery(db, voteId, raisedByUserId), [asc('roll_objections.created_at'), asc('roll_objections.id')], page);
}

/** Resolves an open objection (compare-and-set on its status: a second resolution changes nothing). */
export function resolveRollObjectionRow(db: Db, id: string, values: Updateable<RollObjectionTable>) {
  return db.updateTable('roll_objections').set(values).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
}

/** How many of a vote's roll objections are open (only one user's when given). */
export async function countOpenRollObjections(db: Db, voteId: string, raisedByUserId?: string): Promise<number> {
  let query = db
    .selectFrom('roll_objections')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('vote_id', '=', voteId)
    .where('status', '=', 'open');
  if (raisedByUserId) query = query.where('raised_by_user_id', '=', raisedByUserId);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

export function updateElectorateEntry(db: Db, voteId: string, voterKey: string, values: Partial<Insertable<VoteElectorateTable>>) {
  return db.updateTable('vote_electorate').set(values).where('vote_id', '=', voteId).where('voter_key', '=', voterKey).executeTakeFirst();
}

/** The unit's owners as the compound's register has them now. */
export async function listCurrentOwnerIds(db: Db, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('ownerships').select('person_id').where('unit_id', '=', unitId).execute();
  return rows.map((r) => r.person_id);
}

export async function listPersonNames(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('id', 'in', [...personIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function insertBallotDispute(db: Db, row: Insertable<BallotDisputeTable>) {
  return db.insertInto('ballot_disputes').values(row).execute();
}

export function findBallotDispute(db: Db, id: string) {
  return db.selectFrom('ballot_disputes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A vote's ballot disputes with who raised them and the disputed ballot's channel (optionally only one user's). */
function disputesQuery(db: Db, voteId: string, raisedByUserId?: string) {
  const query = db
    .selectFrom('ballot_disputes')
    .leftJoin('users', 'users.id', 'ballot_disputes.raised_by_user_id')
    .leftJoin('ballots', (join) =>
      join.onRef('ballots.receipt_code', '=', 'ballot_disputes.receipt_code').onRef('ballots.vote_id', '=', 'ballot_disputes.vote_id'),
    )
    .selectAll('ballot_disputes')
    .select(['users.display_name as user_name', 'ballots.channel as ballot_channel', 'ballots.proxy_id as ballot_proxy_id'])
    .where('ballot_disputes.vote_id', '=', voteId);
  return raisedByUserId ? query.where('ballot_disputes.raised_by_user_id', '=', raisedByUserId) : query;
}

export function listBallotDisputes(db: Db, voteId: string, raisedByUserId?: string) {
  return disputesQuery(db, voteId, raisedByUserId).orderBy('ballot_disputes.created_at').orderBy('ballot_disputes.id').execute();
}

/** One page of a vote's ballot disputes (only one user's when given), oldest first (the id breaks ties). */
export function readBallotDisputesPage(db: Db, voteId: string, raisedByUserId: string | undefined, page: PageRequest) {
  return readPage(disputesQuery(db, voteId, raisedByUserId), [asc('ballot_disputes.created_at'), asc('ballot_disputes.id')], page);
}

export function resolveBallotDisputeRow(db: Db, id: string, values: Updateable<BallotDisputeTable>) {
  return db.updateTable('ballot_disputes').set(values).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
}

/** How many of a vote's ballot disputes are open (only one user's when given). */
export async function countOpenBallotDisputes(db: Db, voteId: string, raisedByUserId?: string): Promise<number> {
  let query = db
    .selectFrom('ballot_disputes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('vote_id', '=', voteId)
    .where('status', '=', 'open');
  if (raisedByUserId) query = query.where('raised_by_user_id', '=', raisedByUserId);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/** The ballot a receipt code names in a vote (the current receipt of its row). */
export function findBallotByReceipt(db: Db, voteId: string, receiptCode: string) {
  return db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId).where('receipt_code', '=', receiptCode).executeTakeFirst();
}

/** Whether a receipt code was ever given in this vote (a replaced ballot's old receipt is in its history). */
export async function receiptWasIssued(db: Db, voteId: string, receiptCode: string): Promise<boolean> {
  const history = await db.selectFrom('ballot_history').select('id').where('vote_id', '=', voteId).where('receipt_code', '=', receiptCode).executeTakeFirst();
  return history !== undefined;
}

export function correctBallotRow(db: Db, ballotId: string, version: number, values: Partial<Insertable<BallotTable>>) {
  return db.updateTable('ballots').set(values).where('id', '=', ballotId).where('version', '=', version).executeTakeFirst();
}

/** Stores a recomputed preliminary result of a closed vote. */
export function updateVoteResult(db: Db, voteId: string, resultJson: string, now: string) {
  return db.updateTable('votes').set({ result_json: resultJson, updated_at: now }).where('id', '=', voteId).where('status', '=', 'closed').executeTakeFirst();
}

export function insertVoteNotice(db: Db, row: Insertable<VoteNoticeTable>) {
  return db.insertInto('vote_notices').values(row).execute();
}
