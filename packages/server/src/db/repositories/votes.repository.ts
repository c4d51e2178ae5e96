/** Storage of votes, their frozen electorate, ballots and the history of replaced ballots. */
import type { PageRequest, VoteStatus } from '@yishi/core';
import { sql, type Insertable, type RawBuilder } from 'kysely';
import { dialectOf } from '../dialect.js';
import { asc, desc, readPage } from '../keyset.js';
import { insertRow, updateRows } from '../reusable-query.js';
import type { BallotHistoryTable, BallotTable, VoteElectorateTable, VoteTable } from '../tables/votes.table.js';
import type { Db } from './places.repository.js';

export function insertVote(db: Db, row: Insertable<VoteTable>) {
  return db.insertInto('votes').values(row).execute();
}

export function findVote(db: Db, voteId: string) {
  return db.selectFrom('votes').selectAll().where('id', '=', voteId).executeTakeFirst();
}

export function listVotesOfCompound(db: Db, compoundId: string) {
  return db.selectFrom('votes').selectAll().where('compound_id', '=', compoundId).orderBy('created_at', 'desc').execute();
}

/**
 * One page of a compound's votes for its votes list: open first, then announced, drafts (only when
 * `withDrafts`), closed; newest first within each (closed ones by when they closed, the others by
 * when they were created), the id breaking ties. The order is a rank column and a time column of a
 * derived table, so the page's keyset condition compares plain columns.
 */
export function readVotesPage(db: Db, compoundId: string, withDrafts: boolean, page: PageRequest) {
  let ranked = db
    .selectFrom('votes')
    .selectAll()
    .select(sql<number>`case status when 'open' then 0 when 'announced' then 1 when 'draft' then 2 else 3 end`.as('status_rank'))
    .select(sql<string>`case when status = 'closed' then coalesce(closed_at, closes_at) else created_at end`.as('listed_at'))
    .where('compound_id', '=', compoundId);
  if (!withDrafts) ranked = ranked.where('status', '!=', 'draft');
  return readPage(db.selectFrom(ranked.as('v')).selectAll(), [asc('v.status_rank', { type: 'number' }), desc('v.listed_at'), desc('v.id')], page);
}

/** A compound's open votes, soonest closing first (the board announces them all: a handful at a time). */
export function listOpenVotesOfCompound(db: Db, compoundId: string) {
  return db.selectFrom('votes').selectAll().where('compound_id', '=', compoundId).where('status', '=', 'open').orderBy('closes_at').orderBy('id').execute();
}

/** One page of a compound's closed votes, newest first (the id breaks ties). */
export function readClosedVotesPage(db: Db, compoundId: string, page: PageRequest) {
  const query = db.selectFrom('votes').selectAll().where('compound_id', '=', compoundId).where('status', '=', 'closed').where('closed_at', 'is not', null);
  return readPage(query, [desc('closed_at'), desc('id')], page);
}

/** Open votes whose closing time has come, closed ones whose result is not written yet, and drafts whose opening time has come. */
export function listDueVotes(db: Db, nowIso: string) {
  return db
    .selectFrom('votes')
    .select(['id', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'open'), eb('closes_at', '<=', nowIso)]),
        // Closing stopped between its steps (votes.service closeVote): finished by whoever finds it.
        eb.and([eb('status', '=', 'closed'), eb('result_json', 'is', null)]),
        // A statutory draft waits for its announcement; an announced vote opens at its time.
        eb.and([eb('status', '=', 'draft'), eb('statutory', '=', 0), eb('opens_at', 'is not', null), eb('opens_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'announced'), eb('opens_at', '<=', nowIso)]),
      ]),
    )
    .execute();
}

export function updateVote(db: Db, voteId: string, fromStatus: VoteStatus, values: Partial<Insertable<VoteTable>>) {
  return db.updateTable('votes').set(values).where('id', '=', voteId).where('status', '=', fromStatus).executeTakeFirst();
}

/** The frozen result of a closed vote, written once: a second writer (another instance finishing the same close) changes nothing. */
export function writeVoteResult(db: Db, voteId: string, resultJson: string, nowIso: string) {
  return db
    .updateTable('votes')
    .set({ result_json: resultJson, updated_at: nowIso })
    .where('id', '=', voteId)
    .where('status', '=', 'closed')
    .where('result_json', 'is', null)
    .executeTakeFirst();
}

/** A building-scoped vote's building, if it is in the compound. */
export function findBuildingOfCompound(db: Db, buildingId: string, compoundId: string) {
  return db.selectFrom('buildings').select('id').where('id', '=', buildingId).where('compound_id', '=', compoundId).executeTakeFirst();
}

export async function findBuildingName(db: Db, buildingId: string): Promise<string | null> {
  const row = await db.selectFrom('buildings').select('name').where('id', '=', buildingId).executeTakeFirst();
  return row?.name ?? null;
}

/** A soft link to the meetings feature: an agenda item of a meeting of this compound. */
export function findAgendaItemOfCompound(db: Db, agendaItemId: string, compoundId: string) {
  return db
    .selectFrom('meeting_agenda_items')
    .innerJoin('meetings', 'meetings.id', 'meeting_agenda_items.meeting_id')
    .select('meeting_agenda_items.id')
    .where('meeting_agenda_items.id', '=', agendaItemId)
    .where('meetings.compound_id', '=', compoundId)
    .executeTakeFirst();
}

/** Owners' electorate source: every unit in scope with its owners. */
export async function listUnitsWithOwners(db: Db, compoundId: string, buildingId: string | null) {
  let query = db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'buildings.name as building', 'units.entrance', 'units.room', 'units.area_centi', 'units.developer_held', 'units.sort_key'])
    .where('units.compound_id', '=', compoundId);
  if (buildingId) query = query.where('units.building_id', '=', buildingId);
  const units = await query.orderBy('units.sort_key').orderBy('units.id').execute();
  let owners = db
    .selectFrom('ownerships')
    .innerJoin('units', 'units.id', 'ownerships.unit_id')
    .select(['ownerships.unit_id as unitId', 'ownerships.person_id as personId'])
    .where('units.compound_id', '=', compoundId);
  if (buildingId) owners = owners.where('units.building_id', '=', buildingId);
  return { units, owners: await owners.execute() };
}

/** Residents' poll source: every person who owns or lives in a unit in scope (once each). */
export async function listPersonsInScope(db: Db, compoundId: string, buildingId: string | null) {
  const rows: Array<{ personId: string; name: string; unitLabel: string }> = [];
  for (const table of ['ownerships', 'residencies'] as const) {
    let query = db
      .selectFrom(table)
      .innerJoin('units', 'units.id', `${table}.unit_id`)
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('persons', 'persons.id', `${table}.person_id`)
      .select(['persons.id as personId', 'persons.name', 'buildings.name as building', 'units.entrance', 'units.room'])
      .where('units.compound_id', '=', compoundId);
    if (buildingId) query = query.where('units.building_id', '=', buildingId);
    for (const r of await query.execute()) rows.push({ personId: r.personId, name: r.name, unitLabel: `${r.building}-${r.entrance}-${r.room}` });
  }
  return rows;
}

export async function insertElectorate(db: Db, rows: Array<Insertable<VoteElectorateTable>>) {
  // SQLite allows 32,766 bound parameters per statement (PostgreSQL 65,535); 9 columns per row → 3,500
  // rows per batch: a 10,000-unit roll in 3 statements.
  for (let i = 0; i < rows.length; i += 3_500)
    await db
      .insertInto('vote_electorate')
      .values(rows.slice(i, i + 3_500))
      .execute();
}

/** SQL for a text that is one or more ASCII digits (JavaScript's /^\d+$/): "3" but not "A座" or "". */
const allDigits = (text: RawBuilder<string>) => sql<boolean>`(${text} <> '' and trim(${text}, '0123456789') = '')`;

/**
 * Freezes an owners' roll in one INSERT … SELECT (issue 18: nothing travels through the application,
 * one statement whatever the number of units): every unit of the compound (or building) with its
 * label as core's formatUnitLabel writes it ("3栋2单元501"), its owners' ids as a JSON array sorted
 * as JavaScript sorts them (byte order of the ASCII ids; `[]` for a developer flat), its area and
 * developer flag, and its unit's sort key (the roll in the roster's order) — the rows buildElectorate
 * builds (votes.service.ts; vote-roll-freeze.test.ts holds the two equal). Answers how many entries it wrote.
 */
/**
 * Freezes an owners' roll in one INSERT … SELECT; answers the rows as the tally reads them (RETURNING:
 * the opening packs them without reading the 10,000 rows back).
 */
export async function insertOwnersRoll(db: Db, voteId: string, compoundId: string, buildingId: string | null) {
  const building = sql<string>`b.name`;
  const entrance = sql<string>`u.entrance`;
  const label = sql<string>`(case when ${allDigits(building)} then b.name || '栋' else b.name end)
    || (case when ${allDigits(entrance)} then u.entrance || '单元' else u.entrance end) || u.room`;
  // An id as JSON.stringify quotes it (generated ids hold neither a quote nor a backslash; escaped all the same).
  const quoted = sql<string>`replace(replace(o.person_id, '\\', '\\\\'), '"', '\\"')`;
  // PostgreSQL sorts by the database's collation unless told: "C" is byte order, as JavaScript's sort for ASCII ids.
  const ordered =
    dialectOf(db) === 'postgres'
      ? sql`string_agg(${quoted}, '","' order by o.person_id collate "C")`
      : sql`group_concat(${quoted}, '","' order by o.person_id)`;
  const owners = sql<string>`case when u.developer_held = 1 then '[]'
    else coalesce((select '["' || ${ordered} || '"]' from ownerships o where o.unit_id = u.id), '[]') end`;
  let source = db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select([
      sql<string>`cast(${voteId} as text)`.as('vote_id'),
      'u.id as voter_key',
      'u.id as unit_id',
      sql<null>`null`.as('person_id'),
      label.as('label'),
      owners.as('owner_person_ids'),
      'u.area_centi',
      'u.developer_held',
      'u.sort_key',
    ])
    .where('u.compound_id', '=', compoundId);
  if (buildingId) source = source.where('u.building_id', '=', buildingId);
  return db
    .insertInto('vote_electorate')
    .columns(['vote_id', 'voter_key', 'unit_id', 'person_id', 'label', 'owner_person_ids', 'area_centi', 'developer_held', 'sort_key'])
    .expression(source)
    .returning(['voter_key', 'owner_person_ids', 'area_centi', 'developer_held'])
    .execute();
}

/** A page of the roll in voter-key order, after the voter key `after` (services/whole-roll.ts reads it all and sorts it). */
export function listElectoratePage(db: Db, voteId: string, after: string | undefined, limit: number) {
  let query = db.selectFrom('vote_electorate').selectAll().where('vote_id', '=', voteId);
  if (after !== undefined) query = query.where('voter_key', '>', after);
  return query.orderBy('voter_key').limit(limit).execute();
}

/** The roll as the tally reads it: only the columns it needs, in no particular order (the tally does not depend on it). */
export function listElectorateForTally(db: Db, voteId: string) {
  return db.selectFrom('vote_electorate').select(['voter_key', 'owner_person_ids', 'area_centi', 'developer_held']).where('vote_id', '=', voteId).execute();
}

export function findElectorateEntry(db: Db, voteId: string, voterKey: string) {
  return db.selectFrom('vote_electorate').selectAll().where('vote_id', '=', voteId).where('voter_key', '=', voterKey).executeTakeFirst();
}

export function countElectorate(db: Db, voteId: string) {
  return db
    .selectFrom('vote_electorate')
    .select((eb) => [eb.fn.countAll<number>().as('voters'), eb.fn.coalesce(eb.fn.sum<number>('area_centi'), eb.lit(0)).as('areaCenti')])
    .where('vote_id', '=', voteId)
    .executeTakeFirstOrThrow();
}

export function findBallotOfVoter(db: Db, voteId: string, voter: { unitId: string | null; personId: string | null }) {
  let query = db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId);
  query = voter.unitId ? query.where('unit_id', '=', voter.unitId) : query.where('person_id', '=', voter.personId);
  return query.executeTakeFirst();
}

/** A ballot, with a statement compiled once (db/reusable-query.ts): every online cast runs it. */
export function insertBallot(db: Db, row: Insertable<BallotTable>) {
  return insertRow(db, 'ballots', row);
}

/** Replaces a ballot's values; returns 1, or 0 when its version is no longer `version`. */
export function replaceBallot(db: Db, ballotId: string, version: number, values: Partial<Insertable<BallotTable>>): Promise<number> {
  // Guarded by the version read in the same transaction: a concurrent change makes this a no-op.
  return updateRows(db, 'ballots', values, { id: ballotId, version });
}

export function appendBallotHistory(db: Db, row: Insertable<BallotHistoryTable>) {
  return insertRow(db, 'ballot_history', row);
}

/** Ballots for the tally: who voted (unit or person) and what they chose — never leaves the server for a secret vote. */
export function listBallotsForTally(db: Db, voteId: string) {
  return db.selectFrom('ballots').select(['unit_id', 'person_id', 'choices_json']).where('vote_id', '=', voteId).execute();
}

/** Whether and how each voter voted, without the choice. */
export function listBallotPresence(db: Db, voteId: string) {
  return db.selectFrom('ballots').select(['unit_id', 'person_id', 'channel', 'proxy_id', 'cast_at', 'version']).where('vote_id', '=', voteId).execute();
}

/** Who voted and by which channel, nothing more (live turnout). */
export function listBallotChannels(db: Db, voteId: string) {
  return db.selectFrom('ballots').select(['unit_id', 'person_id', 'channel', 'proxy_id']).where('vote_id', '=', voteId).execute();
}

/** The ballots written after a ballot log position (cast, replaced or corrected since), for turnout counted on. */
export function listBallotChannelsSince(db: Db, voteId: string, afterPosition: number) {
  return db
    .selectFrom('ballots')
    .select(['unit_id', 'person_id', 'channel', 'proxy_id'])
    .where('vote_id', '=', voteId)
    .where('log_position', '>', afterPosition)
    .execute();
}

/** Whether a ballot was withdrawn (its row removed) after a ballot log position. */
export async function hasWithdrawalSince(db: Db, voteId: string, afterPosition: number): Promise<boolean> {
  const row = await db
    .selectFrom('ballot_log')
    .select('position')
    .where('vote_id', '=', voteId)
    .where('position', '>', afterPosition)
    .where('kind', '=', 'withdrawn')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function listNamedBallots(db: Db, voteId: string) {
  return db.selectFrom('ballots').select(['unit_id', 'person_id', 'choices_json']).where('vote_id', '=', voteId).execute();
}

export function countBallotHistory(db: Db, voteId: string) {
  return db
    .selectFrom('ballot_history')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('vote_id', '=', voteId)
    .executeTakeFirstOrThrow();
}
