/**
 * Reads of the turnout navigator over a vote's frozen roll: the roll a page at a time (a 10,000-unit
 * compound is a few tens of statements, never one per unit), each entry with whether a ballot of it
 * is in the box (the ballots' unique indexes by unit and by person; nothing else of the ballot).
 */
import { sql } from 'kysely';
import { jsonTextElements } from '../dialect.js';
import type { Db } from './places.repository.js';

/**
 * Up to `limit` entries of the frozen roll after voter key `afterKey` (from the first when undefined),
 * in voter-key order (the key's index order), each with its unit's building (none for the persons of
 * a residents' poll: see listHomeBuildings) and whether a ballot of it is in the box (1 or 0, looked up
 * in the ballots' unique index by unit or by person) — nothing more of the ballot.
 */
export function listRollWithBuildingsAfter(db: Db, voteId: string, afterKey: string | undefined, limit: number) {
  let query = db
    .selectFrom('vote_electorate as ve')
    .leftJoin('units as u', 'u.id', 've.unit_id')
    .leftJoin('buildings as b', 'b.id', 'u.building_id')
    .select((eb) => [
      've.voter_key as voterKey',
      've.label',
      've.owner_person_ids as ownerPersonIds',
      've.area_centi as areaCenti',
      've.developer_held as developerHeld',
      'b.id as buildingId',
      'b.name as buildingName',
      eb
        .case()
        .when(
          eb.or([
            eb.exists(eb.selectFrom('ballots').select('ballots.id').where('ballots.vote_id', '=', voteId).whereRef('ballots.unit_id', '=', 've.voter_key')),
            eb.exists(eb.selectFrom('ballots').select('ballots.id').where('ballots.vote_id', '=', voteId).whereRef('ballots.person_id', '=', 've.voter_key')),
          ]),
        )
        .then(1)
        .else(0)
        .end()
        .as('voted'),
    ])
    .where('ve.vote_id', '=', voteId);
  if (afterKey !== undefined) query = query.where('ve.voter_key', '>', afterKey);
  return query.orderBy('ve.voter_key').limit(limit).execute();
}

/**
 * Where the persons of a residents' poll live or own now, in the vote's compound (and its building,
 * for a building's poll): one row per person and unit, owned units first (one statement).
 */
export function listHomeBuildings(db: Db, voteId: string, compoundId: string, buildingId: string | null) {
  const links = db
    .selectFrom('ownerships')
    .select(['person_id', 'unit_id', sql<number>`0`.as('rank')])
    .unionAll(db.selectFrom('residencies').select(['person_id', 'unit_id', sql<number>`1`.as('rank')]));
  let query = db
    .selectFrom('vote_electorate as ve')
    .innerJoin(links.as('h'), 'h.person_id', 've.person_id')
    .innerJoin('units as u', 'u.id', 'h.unit_id')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select(['ve.voter_key as voterKey', 'b.id as buildingId', 'b.name as buildingName'])
    .where('ve.vote_id', '=', voteId)
    .where('u.compound_id', '=', compoundId);
  if (buildingId) query = query.where('u.building_id', '=', buildingId);
  return query.orderBy('h.rank').orderBy('b.sort_key').orderBy('b.id').execute();
}

/**
 * The people to ask for at each door: a unit's owners as frozen on the roll (read from the entry's
 * JSON list in the statement), or the person of a residents' poll. Optionally only the units of some
 * buildings, or only some units (a page of the missing list). The roll's owners are expanded first,
 * once (a materialized CTE), then joined to persons: right after a big vote opens the planner has no
 * statistics of its roll yet, and joining inside the expansion read every person once per unit (30 s
 * for 10,000 units on PostgreSQL).
 */
export function listRollPeople(db: Db, voteId: string, residents: boolean, buildingIds: readonly string[] | null, voterKeys?: readonly string[]) {
  if ((buildingIds && buildingIds.length === 0 && !residents) || voterKeys?.length === 0) return Promise.resolve([]);
  return db
    .with(
      (cte) => cte('roll_people').materialized(),
      (qc) => {
        const base = qc.selectFrom('vote_electorate as ve');
        let query = residents
          ? base.select(['ve.voter_key as voterKey', 've.person_id as personId'])
          : base.innerJoin(jsonTextElements(db, 've.owner_person_ids').as('o'), (j) => j.onTrue()).select(['ve.voter_key as voterKey', 'o.value as personId']);
        query = query.where('ve.vote_id', '=', voteId);
        if (voterKeys) query = query.where('ve.voter_key', 'in', voterKeys);
        if (buildingIds && !residents)
          query = query.where('ve.unit_id', 'in', (eb) => eb.selectFrom('units').select('units.id').where('units.building_id', 'in', buildingIds));
        return query;
      },
    )
    .selectFrom('roll_people as r')
    .innerJoin('persons as p', 'p.id', 'r.personId')
    .select(['r.voterKey', 'p.name', 'p.phone'])
    .orderBy('r.voterKey')
    .orderBy('p.name')
    .execute();
}

/** The buildings an owners' vote's roll can be in: its building (a building's vote), else its compound's. Tens of rows. */
export function listVoteBuildings(db: Db, compoundId: string, buildingId: string | null) {
  let query = db.selectFrom('buildings').select(['id', 'name']).where('compound_id', '=', compoundId);
  if (buildingId) query = query.where('id', '=', buildingId);
  return query.execute();
}

/** The units of these buildings (their unique index leads with the building). */
export function listUnitsOfBuildings(db: Db, buildingIds: readonly string[]) {
  if (buildingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .select(['id', 'building_id as buildingId'])
    .where('building_id', 'in', [...buildingIds])
    .execute();
}

/**
 * The entries of an owners' vote's roll for these units, by the roll's primary key (vote, key) —
 * whether each has voted is the turnout's kept count (vote-turnout.ts), not a join on the ballots:
 * right after a vote opens PostgreSQL has no statistics of its roll and its ballots, and an
 * anti-join on the ballots walked every ballot once per unit (200 ms for a building of 100).
 */
export function listRollOfUnits(db: Db, voteId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vote_electorate')
    .select(['voter_key as voterKey', 'label', 'area_centi as areaCenti', 'developer_held as developerHeld'])
    .where('vote_id', '=', voteId)
    .where('voter_key', 'in', [...unitIds])
    .execute();
}
