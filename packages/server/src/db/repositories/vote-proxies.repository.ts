/** Storage of proxies (委托投票: vote_proxies and the units each covers) and of paper ballot entries awaiting a second staff member. */
import type { PageRequest, PaperEntryStatus, ProxyStatus } from '@yishi/core';
import type { Insertable, Updateable } from 'kysely';
import { asc, desc, readPage } from '../keyset.js';
import type { PaperBallotEntryTable, VoteProxyTable, VoteProxyUnitTable } from '../tables/vote-proxies.table.js';
import type { Db } from './places.repository.js';

export function insertProxy(db: Db, row: Insertable<VoteProxyTable>, units: Array<Insertable<VoteProxyUnitTable>>) {
  return db
    .insertInto('vote_proxies')
    .values(row)
    .execute()
    .then(() => db.insertInto('vote_proxy_units').values(units).execute());
}

export function findProxy(db: Db, voteId: string, proxyId: string) {
  return db.selectFrom('vote_proxies').selectAll().where('id', '=', proxyId).where('vote_id', '=', voteId).executeTakeFirst();
}

/** Moves an authorisation on from the status it was read in (a compare-and-set: two racing changes, one wins). */
export async function updateProxy(db: Db, proxyId: string, fromStatus: ProxyStatus, values: Updateable<VoteProxyTable>): Promise<boolean> {
  const result = await db.updateTable('vote_proxies').set(values).where('id', '=', proxyId).where('status', '=', fromStatus).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listProxiesOfVote(db: Db, voteId: string, filter: { principalPersonId?: string; proxyUserId?: string } = {}) {
  let query = db.selectFrom('vote_proxies').selectAll().where('vote_id', '=', voteId);
  if (filter.principalPersonId) query = query.where('principal_person_id', '=', filter.principalPersonId);
  if (filter.proxyUserId) query = query.where('proxy_user_id', '=', filter.proxyUserId);
  return query.orderBy('created_at').execute();
}

/** Whether the user holds an authorisation of this vote its owner confirmed and has not revoked. */
export async function holdsProxyInForce(db: Db, voteId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('vote_proxies')
    .select('id')
    .where('vote_id', '=', voteId)
    .where('proxy_user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Staff's list: one page of a vote's authorisations, oldest first (the id breaks ties). */
export function readProxiesPage(db: Db, voteId: string, page: PageRequest) {
  const query = db.selectFrom('vote_proxies').selectAll().where('vote_id', '=', voteId);
  return readPage(query, [asc('created_at'), asc('id')], page);
}

/** How many of a vote's authorisations are in force (pending or confirmed). */
export async function countProxiesInForce(db: Db, voteId: string): Promise<number> {
  const row = await db
    .selectFrom('vote_proxies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vote_id', '=', voteId)
    .where('status', 'in', ['pending', 'confirmed'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function listProxyUnits(db: Db, proxyIds: readonly string[]) {
  if (proxyIds.length === 0) return Promise.resolve([]);
  // In number order (2栋 before 10栋, 101 before 1001): the roster's key of each unit.
  return db
    .selectFrom('vote_proxy_units as pu')
    .innerJoin('units as u', 'u.id', 'pu.unit_id')
    .selectAll('pu')
    .where('pu.proxy_id', 'in', proxyIds)
    .orderBy('u.sort_key')
    .orderBy('pu.label')
    .execute();
}

/** The authorisation still in force (pending or confirmed) for a unit in a vote, if any. */
export function findLiveProxyOfUnit(db: Db, voteId: string, unitId: string) {
  return db
    .selectFrom('vote_proxy_units')
    .innerJoin('vote_proxies', 'vote_proxies.id', 'vote_proxy_units.proxy_id')
    .selectAll('vote_proxies')
    .where('vote_proxy_units.vote_id', '=', voteId)
    .where('vote_proxy_units.unit_id', '=', unitId)
    .where('vote_proxies.status', 'in', ['pending', 'confirmed'])
    .executeTakeFirst();
}

/** The distinct principals a person acts for (pending or confirmed) in a vote. */
export async function countPrincipalsOfProxy(db: Db, voteId: string, proxyPersonId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('vote_proxies')
    .select('principal_person_id')
    .distinct()
    .where('vote_id', '=', voteId)
    .where('proxy_person_id', '=', proxyPersonId)
    .where('status', 'in', ['pending', 'confirmed'])
    .execute();
  return rows.map((r) => r.principal_person_id);
}

export function recordWithdrawnReceipt(db: Db, proxyId: string, unitId: string, receiptCode: string) {
  return db
    .updateTable('vote_proxy_units')
    .set({ withdrawn_receipt_code: receiptCode })
    .where('proxy_id', '=', proxyId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** The ballots cast under an authorisation. */
export function listBallotsOfProxy(db: Db, proxyId: string) {
  return db.selectFrom('ballots').selectAll().where('proxy_id', '=', proxyId).execute();
}

/**
 * Takes a proxy ballot out of the box (its principal revoked the authorisation). Its record stays in
 * the ballot log (cast, then withdrawn); a proxy ballot never has history rows (see proxies.service).
 */
export function deleteProxyBallot(db: Db, ballotId: string, proxyId: string) {
  return db.deleteFrom('ballots').where('id', '=', ballotId).where('proxy_id', '=', proxyId).execute();
}

/**
 * The units of these authorisations, each with the ballot in the box for it if any (who voted for the
 * unit: a proxy or the principal) — one statement for a whole page of authorisations, in number order.
 */
export function listProxyUnitsWithBallots(db: Db, proxyIds: readonly string[]) {
  if (proxyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vote_proxy_units as pu')
    .leftJoin('ballots as b', (j) => j.onRef('b.vote_id', '=', 'pu.vote_id').onRef('b.unit_id', '=', 'pu.unit_id'))
    .select(['pu.proxy_id', 'pu.unit_id', 'pu.label', 'b.id as ballotId', 'b.proxy_id as ballotProxyId', 'b.receipt_code as receiptCode'])
    .innerJoin('units as u', 'u.id', 'pu.unit_id')
    .where('pu.proxy_id', 'in', [...proxyIds])
    .orderBy('u.sort_key')
    .orderBy('pu.label')
    .execute();
}

export function findUserAccount(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'person_id', 'phone', 'activated_at']).where('id', '=', userId).executeTakeFirst();
}

export function findPersonNames(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('persons').select(['id', 'name']).where('id', 'in', personIds).execute();
}

export function findUserNames(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute();
}

export function findAccessCode(db: Db, codeId: string) {
  return db.selectFrom('access_codes').selectAll().where('id', '=', codeId).executeTakeFirst();
}

// Paper ballot entries

export function insertPaperEntry(db: Db, row: Insertable<PaperBallotEntryTable>) {
  return db.insertInto('paper_ballot_entries').values(row).execute();
}

export function findPaperEntry(db: Db, voteId: string, entryId: string) {
  return db.selectFrom('paper_ballot_entries').selectAll().where('id', '=', entryId).where('vote_id', '=', voteId).executeTakeFirst();
}

export function findPendingPaperEntryOfVoter(db: Db, voteId: string, voterKey: string) {
  return db
    .selectFrom('paper_ballot_entries')
    .select('id')
    .where('vote_id', '=', voteId)
    .where('voter_key', '=', voterKey)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function reviewPaperEntry(db: Db, entryId: string, values: Updateable<PaperBallotEntryTable>): Promise<boolean> {
  const result = await db.updateTable('paper_ballot_entries').set(values).where('id', '=', entryId).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every paper entry of a vote, newest first (the evidence export). */
export function listPaperEntries(db: Db, voteId: string) {
  return db.selectFrom('paper_ballot_entries').selectAll().where('vote_id', '=', voteId).orderBy('entered_at', 'desc').execute();
}

/** One page of a vote's paper entries (only those of `status` when given), newest first (the id breaks ties). */
export function readPaperEntriesPage(db: Db, voteId: string, status: PaperEntryStatus | undefined, page: PageRequest) {
  let query = db.selectFrom('paper_ballot_entries').selectAll().where('vote_id', '=', voteId);
  if (status) query = query.where('status', '=', status);
  return readPage(query, [desc('entered_at'), desc('id')], page);
}

export async function countPendingPaperEntries(db: Db, voteId: string): Promise<number> {
  const row = await db
    .selectFrom('paper_ballot_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vote_id', '=', voteId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function updateProxyCode(db: Db, proxyId: string, codeId: string) {
  return db.updateTable('vote_proxies').set({ sms_code_id: codeId }).where('id', '=', proxyId).where('status', '=', 'pending').execute();
}

export function findProxyById(db: Db, proxyId: string) {
  return db.selectFrom('vote_proxies').selectAll().where('id', '=', proxyId).executeTakeFirst();
}
