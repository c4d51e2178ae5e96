/**
 * The roster import's SQL: the compound's grids, buildings and units as the import matches them,
 * the persons linked to a unit as owners or residents, and the record of imports. Every function
 * runs inside the import's transaction (`trx` first).
 */
import type { Insertable } from 'kysely';
import { naturalKey, unitSortKey } from '../natural-key.js';
import type { RosterImportTable } from '../tables/accounts.table.js';
import type { NewBuilding, NewUnit, UnitUpdate } from '../tables/places.table.js';
import type { PersonTable } from '../tables/people.table.js';
import { CHUNK, insertChunked } from './chunked-insert.js';
import type { Db } from './places.repository.js';

/** Owners or residents: the two ways a person is linked to a unit. */
export type UnitLinkTable = 'ownerships' | 'residencies';

export function listGridsOfCompound(db: Db, compoundId: string) {
  return db.selectFrom('grids').select(['id', 'name']).where('compound_id', '=', compoundId).execute();
}

export async function insertGrids(db: Db, rows: ReadonlyArray<{ id: string; compound_id: string; name: string }>): Promise<void> {
  await insertChunked(rows, (chunk) => db.insertInto('grids').values(chunk).execute());
}

export function listRosterBuildings(db: Db, compoundId: string) {
  return db.selectFrom('buildings').select(['id', 'name', 'grid_id']).where('compound_id', '=', compoundId).execute();
}

/**
 * Buildings, each with its sort key. Nothing renames a building or moves a unit to another building,
 * entrance or room (the import matches units by them): a change that did would have to write the keys
 * of the building and of all its units again.
 */
export async function insertBuildings(db: Db, rows: readonly NewBuilding[]): Promise<void> {
  const keyed = rows.map((row) => ({ ...row, sort_key: naturalKey(row.name) }));
  await insertChunked(keyed, (chunk) => db.insertInto('buildings').values(chunk).execute());
}

export async function setBuildingGrid(db: Db, buildingId: string, gridId: string): Promise<void> {
  await db.updateTable('buildings').set({ grid_id: gridId }).where('id', '=', buildingId).execute();
}

/** The compound's units with their building's name, as the import matches rows to them. */
export function listRosterUnits(db: Db, compoundId: string) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'buildings.name as building', 'units.entrance', 'units.room', 'units.area_centi', 'units.area_source', 'units.developer_held'])
    .where('units.compound_id', '=', compoundId)
    .execute();
}

/** Units, each with its sort key from its building's name (`building`, not a column) and its entrance and room. */
export async function insertUnits(db: Db, rows: ReadonlyArray<NewUnit & { building: string }>): Promise<void> {
  const keyed = rows.map(({ building, ...row }) => ({ ...row, sort_key: unitSortKey(building, row.entrance ?? '', row.room) }));
  await insertChunked(keyed, (chunk) => db.insertInto('units').values(chunk).execute());
}

/** Changes a unit's area or developer flag (never its building, entrance or room: its sort key would be stale). */
export async function updateUnit(db: Db, unitId: string, set: Omit<UnitUpdate, 'building_id' | 'entrance' | 'room' | 'sort_key'>): Promise<void> {
  await db.updateTable('units').set(set).where('id', '=', unitId).execute();
}

/** The persons linked to the compound's units as owners (or residents), with the unit each is linked to. */
export function listUnitPersonsOfCompound(db: Db, table: UnitLinkTable, compoundId: string) {
  return db
    .selectFrom(table)
    .innerJoin('units', 'units.id', `${table}.unit_id`)
    .innerJoin('persons', 'persons.id', `${table}.person_id`)
    .select([`${table}.unit_id as unitId`, 'persons.id', 'persons.name', 'persons.phone'])
    .where('units.compound_id', '=', compoundId)
    .execute();
}

/** The persons with any of these phones (in this compound or any other), a few statements for thousands of phones. */
export async function findPersonsByPhones(db: Db, phones: readonly string[]): Promise<Array<{ id: string; name: string; phone: string | null }>> {
  const found: Array<{ id: string; name: string; phone: string | null }> = [];
  for (let i = 0; i < phones.length; i += CHUNK) {
    found.push(
      ...(await db
        .selectFrom('persons')
        .select(['id', 'name', 'phone'])
        .where('phone', 'in', phones.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return found;
}

/** The accounts that log in with this phone, or that belong to this person: whom a corrected phone would touch. */
export function findAccountsByPhoneOrPerson(db: Db, phone: string, personId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'person_id', 'phone'])
    .where((eb) => eb.or([eb('phone', '=', phone), eb('person_id', '=', personId)]))
    .execute();
}

/**
 * A person's phone corrected by the roster, and their account's login phone with it when the account
 * logged in with the old one (an account with a phone of its own keeps it).
 */
export async function changePersonPhone(db: Db, personId: string, from: string | null, to: string): Promise<void> {
  await db.updateTable('persons').set({ phone: to }).where('id', '=', personId).execute();
  await db
    .updateTable('users')
    .set({ phone: to })
    .where('person_id', '=', personId)
    .where('phone', from === null ? 'is' : '=', from)
    .execute();
}

export async function insertPersons(db: Db, rows: ReadonlyArray<Insertable<PersonTable>>): Promise<void> {
  await insertChunked(rows, (chunk) => db.insertInto('persons').values(chunk).execute());
}

export async function unlinkPersons(db: Db, table: UnitLinkTable, unitId: string, personIds: readonly string[]): Promise<void> {
  await db
    .deleteFrom(table)
    .where('unit_id', '=', unitId)
    .where('person_id', 'in', [...personIds])
    .execute();
}

export async function linkPersons(
  db: Db,
  table: UnitLinkTable,
  rows: ReadonlyArray<{ unit_id: string; person_id: string; created_at: string }>,
): Promise<void> {
  await insertChunked(rows, (chunk) => db.insertInto(table).values(chunk).execute());
}

export async function insertRosterImport(db: Db, row: Insertable<RosterImportTable>): Promise<void> {
  await db.insertInto('roster_imports').values(row).execute();
}

/** The residents of these units (a page of the roster export), by unit, then name. */
export function listResidenciesOfUnits(db: Db, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('residencies')
    .innerJoin('persons', 'persons.id', 'residencies.person_id')
    .select(['residencies.unit_id as unitId', 'persons.name', 'persons.phone'])
    .where('residencies.unit_id', 'in', unitIds)
    .orderBy('residencies.unit_id')
    .orderBy('persons.name')
    .execute();
}

/** The grid of each of these units whose building is in one. */
export function listGridsOfUnits(db: Db, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('grids', 'grids.id', 'buildings.grid_id')
    .select(['units.id', 'grids.name'])
    .where('units.id', 'in', unitIds)
    .execute();
}
