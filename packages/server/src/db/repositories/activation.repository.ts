/** Households (a person of a unit: owner or resident) and whether each has set up an account. */
import { compareLabels, compareNames, type PageRequest } from '@yishi/core';
import { sql } from 'kysely';
import { asc, readPage } from '../keyset.js';
import type { Db } from './places.repository.js';

/** Owners and residents of a compound's units (one building's, when given), in delivery order. */
export async function listHouseholds(db: Db, compoundId: string, buildingIds: string[] | null) {
  const rows = await householdRows(db, compoundId, buildingIds).selectAll('h').execute();
  return rows
    .map((h) => ({
      unitId: h.unit_id,
      entrance: h.entrance,
      room: h.room,
      buildingId: h.building_id,
      building: h.building,
      personId: h.person_id,
      name: h.name,
      phone: h.phone,
      activatedAt: h.activated_at,
      relation: h.relation,
    }))
    .sort(
      (a, b) =>
        compareLabels(a.building, b.building) ||
        compareLabels(a.entrance, b.entrance) ||
        compareLabels(a.room, b.room) ||
        a.relation.localeCompare(b.relation) ||
        compareNames(a.name, b.name),
    );
}

/** Owners and residents of a compound's units as one relation (owner and resident rows side by side), for paging and counting in SQL. */
function householdRows(db: Db, compoundId: string, buildingIds: string[] | null) {
  const pick = (link: 'ownerships' | 'residencies', relation: 'owner' | 'resident') => {
    let query = db
      .selectFrom(link)
      .innerJoin('units', 'units.id', `${link}.unit_id`)
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('persons', 'persons.id', `${link}.person_id`)
      .leftJoin('users', (join) => join.onRef('users.person_id', '=', 'persons.id'))
      .select([
        'units.id as unit_id',
        'units.sort_key',
        'units.entrance',
        'units.room',
        'buildings.id as building_id',
        'buildings.name as building',
        'persons.id as person_id',
        'persons.name',
        'persons.phone',
        'users.activated_at',
      ])
      .select(sql<'owner' | 'resident'>`${sql.lit(relation)}`.as('relation'))
      .where('units.compound_id', '=', compoundId);
    if (buildingIds) query = query.where('units.building_id', 'in', buildingIds.length > 0 ? buildingIds : ['-']);
    return query;
  };
  return db.selectFrom(pick('ownerships', 'owner').unionAll(pick('residencies', 'resident')).as('h'));
}

export interface HouseholdFilter {
  /** The buildings the reader may see (null: all of the compound). */
  scope: string[] | null;
  buildingId?: string | undefined;
  show: 'all' | 'waiting' | 'activated';
  /** Text found in the unit's label (building, entrance and room run together), the name, or the phone when `phones`. */
  q?: string | undefined;
  phones: boolean;
}

/** The households matching a filter, as a query on `h` still to be selected from. */
function filteredHouseholds(db: Db, compoundId: string, filter: HouseholdFilter) {
  let query = householdRows(db, compoundId, filter.buildingId ? (filter.scope ?? [filter.buildingId]).filter((b) => b === filter.buildingId) : filter.scope);
  if (filter.show === 'waiting') query = query.where('h.activated_at', 'is', null);
  if (filter.show === 'activated') query = query.where('h.activated_at', 'is not', null);
  // A label as typed ("2栋1单元102") matches building, entrance and room run together ("21102"); wildcards are taken out.
  const typed = filter.q?.replace(/[%_\\\s]/g, '').toLowerCase();
  if (typed) {
    const label = typed.replace(/栋|单元/g, '');
    query = query.where((eb) =>
      eb.or([
        ...(label ? [eb(sql`lower(h.building || h.entrance || h.room)`, 'like', `%${label}%`)] : []),
        eb(sql`lower(h.name)`, 'like', `%${typed}%`),
        ...(filter.phones ? [eb('h.phone', 'like', `%${typed}%`)] : []),
      ]),
    );
  }
  return query;
}

/** One page of the households in roster order (building, entrance, room, numbers as numbers; the unit, owners before residents, and the person break ties). */
export function readHouseholdsPage(db: Db, compoundId: string, filter: HouseholdFilter, page: PageRequest) {
  const query = filteredHouseholds(db, compoundId, filter).selectAll('h');
  return readPage(query, [asc('h.sort_key'), asc('h.unit_id'), asc('h.relation'), asc('h.person_id')], page);
}

/** How many households match the filter across all pages. */
export async function countHouseholds(db: Db, compoundId: string, filter: HouseholdFilter): Promise<number> {
  const row = await filteredHouseholds(db, compoundId, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * People, each counted once however many flats they have (as they get one letter and one account): all of
 * them, those with an account, and of the others those holding an open letter.
 */
function personCounts(open: ReturnType<typeof openLetterPersons>) {
  return [
    sql<number | string>`count(distinct h.person_id)`.as('households'),
    sql<number | string>`count(distinct case when h.activated_at is not null then h.person_id end)`.as('activated'),
    sql<number | string>`count(distinct case when h.activated_at is null and h.person_id in (${open}) then h.person_id end)`.as('letters'),
  ] as const;
}

const counted = (r: { households: number | string; activated: number | string; letters: number | string }) => ({
  households: Number(r.households),
  activated: Number(r.activated),
  lettersOutstanding: Number(r.letters),
});

/** Per building: its people, how many have an account, and how many of the others hold an open letter (one statement). */
export async function countHouseholdsByBuilding(db: Db, compoundId: string, now: string) {
  const rows = await householdRows(db, compoundId, null)
    .select(['h.building_id', ...personCounts(openLetterPersons(db, compoundId, now))])
    .groupBy('h.building_id')
    .execute();
  return new Map(rows.map((r) => [r.building_id, counted(r)]));
}

/** The same for the buildings given (all of the compound: null) together: someone with flats in two of them counts once. */
export async function countHouseholdsOfBuildings(db: Db, compoundId: string, buildingIds: string[] | null, now: string) {
  const row = await householdRows(db, compoundId, buildingIds)
    .select(personCounts(openLetterPersons(db, compoundId, now)))
    .executeTakeFirstOrThrow();
  return counted(row);
}

/** Persons of a compound holding an open (unused, unexpired, not replaced) activation letter, as a subquery. */
function openLetterPersons(db: Db, compoundId: string, now: string) {
  return db
    .selectFrom('access_codes')
    .innerJoin('letter_batches', 'letter_batches.id', 'access_codes.batch_id')
    .select('access_codes.person_id')
    .where('letter_batches.compound_id', '=', compoundId)
    .where('access_codes.kind', '=', 'letter')
    .where('access_codes.used_at', 'is', null)
    .where('access_codes.voided_at', 'is', null)
    .where('access_codes.expires_at', '>', now);
}

export function listLetterBatches(db: Db, compoundId: string) {
  return db.selectFrom('letter_batches').selectAll().where('compound_id', '=', compoundId).orderBy('created_at', 'desc').limit(100).execute();
}

export function insertLetterBatch(
  db: Db,
  row: { id: string; compound_id: string; building_id: string | null; created_by_user_id: string; created_at: string; letter_count: number },
) {
  return db.insertInto('letter_batches').values(row).execute();
}

/** The open letters of a compound's people, each with the building its batch was printed for (null: the whole compound). */
export function listOpenLetters(db: Db, compoundId: string, now: string) {
  return db
    .selectFrom('access_codes')
    .innerJoin('letter_batches', 'letter_batches.id', 'access_codes.batch_id')
    .leftJoin('buildings', 'buildings.id', 'letter_batches.building_id')
    .select(['access_codes.person_id as personId', 'letter_batches.building_id as buildingId', 'buildings.name as buildingName'])
    .where('letter_batches.compound_id', '=', compoundId)
    .where('access_codes.kind', '=', 'letter')
    .where('access_codes.used_at', 'is', null)
    .where('access_codes.voided_at', 'is', null)
    .where('access_codes.expires_at', '>', now)
    .execute();
}

/** The owners and residents of the units given, with their phones: who shares a flat with whom. */
export async function listPersonsOfUnits(db: Db, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  const pick = (link: 'ownerships' | 'residencies') =>
    db
      .selectFrom(link)
      .innerJoin('persons', 'persons.id', `${link}.person_id`)
      .select([`${link}.unit_id as unitId`, 'persons.id as personId', 'persons.name', 'persons.phone'])
      .where(`${link}.unit_id`, 'in', [...unitIds]);
  return pick('ownerships').unionAll(pick('residencies')).execute();
}
