/**
 * Applying a validated roster to a compound, all or nothing: grids, buildings and units are created
 * or updated, each building put in the grid the file names (an empty cell keeps its grid), each
 * unit's owners and — when the file has a residents column — its residents replaced by those listed.
 * Re-running the same file changes nothing.
 * A phone number identifies a person across units (that is how one owner of several units counts as
 * one head); a person listed without a phone is matched only to the same name on the same unit.
 * A person of a unit listed under the same name with a phone nobody has is that person with her phone
 * corrected (her account logs in with the new one), not a new person taking the unit from her account.
 */
import {
  DomainError,
  ROSTER_CHANGES_LISTED,
  compareNames,
  csvRows,
  formatUnitLabel,
  rosterParser,
  rosterProblem,
  type RosterColumns,
  type RosterField,
  type RosterImportProgress,
  type RosterImportSummary,
  type RosterPerson,
  type RosterProblem,
  type RosterRow,
  type RosterUnitChange,
} from '@yishi/core';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import type { Db } from '../db/repositories/places.repository.js';
import {
  changePersonPhone,
  findAccountsByPhoneOrPerson,
  findPersonsByPhones,
  insertBuildings,
  insertGrids,
  insertPersons,
  insertRosterImport,
  insertUnits,
  linkPersons,
  listGridsOfCompound,
  listRosterBuildings,
  listRosterUnits,
  listUnitPersonsOfCompound,
  setBuildingGrid,
  unlinkPersons,
  updateUnit,
  type UnitLinkTable,
} from '../db/repositories/roster.repository.js';
import type { NewBuilding, NewUnit, UnitUpdate } from '../db/tables/places.table.js';
import type { PersonTable } from '../db/tables/people.table.js';
import type { Deps } from '../deps.js';
import type { Insertable } from 'kysely';

class DryRunRollback extends Error {
  constructor(readonly summary: RosterImportSummary) {
    super('dry run');
  }
}

/** A roster as CSV text (the seed, scripts) or as a sheet's rows of text (an upload, .xlsx or CSV). */
export type RosterSource = { csv: string } | { rows: string[][] };

/** Rows read or applied between two turns of the event loop (and two progress reports). */
const ROWS_PER_STEP = 500;

/** Lets everything else waiting on the event loop run (other requests, websockets, timers). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks the roster, then applies it in one transaction, a few hundred rows at a time with the event
 * loop free in between, so a 40,000-row file holds nobody else up; `onProgress` hears how far it is.
 * (On SQLite, other requests' queries wait for the transaction, as they always did; everything else
 * goes on.)
 */
export async function importRoster(
  deps: Deps,
  input: { compoundId: string; userId: string; dryRun: boolean } & RosterSource,
  onProgress: (progress: RosterImportProgress) => void = () => undefined,
): Promise<RosterImportSummary> {
  const parser = rosterParser('rows' in input ? input.rows : csvRows(input.csv));
  while (!parser.step(ROWS_PER_STEP)) {
    onProgress({ type: 'progress', phase: 'check', done: parser.done, total: parser.total });
    await nextTurn();
  }
  onProgress({ type: 'progress', phase: 'check', done: parser.total, total: parser.total });
  const parsed = parser.result();
  if (!parsed.ok) throw rosterInvalid(parsed.problems);
  const applied = async (done: number) => {
    onProgress({ type: 'progress', phase: 'apply', done, total: parsed.rows.length });
    await nextTurn();
  };
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Two imports into one compound at once would both create the same buildings and units; the
      // second waits for the first and then finds them.
      await lockRow(trx, 'compounds', input.compoundId);
      const summary = await applyRows(trx, input.compoundId, parsed.rows, parsed.columns, deps.clock().toISOString(), applied);
      if (input.dryRun) throw new DryRunRollback(summary);
      await insertRosterImport(trx, {
        id: newId(),
        compound_id: input.compoundId,
        user_id: input.userId,
        created_at: deps.clock().toISOString(),
        row_count: summary.rows,
        units_created: summary.unitsCreated,
        units_updated: summary.unitsUpdated,
        units_unchanged: summary.unitsUnchanged,
        persons_created: summary.personsCreated,
      });
      return { ...summary, applied: true };
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return { ...error.summary, applied: false };
    throw error;
  }
}

function rosterInvalid(problems: RosterProblem[]): DomainError {
  return new DomainError('roster_invalid', { count: problems.length }, { problems });
}

/**
 * The rows of one step, written together in foreign-key order: a few multi-row statements per few
 * hundred rows instead of several statements per row (on PostgreSQL each is a round trip).
 */
class StepWrites {
  grids: Array<{ id: string; compound_id: string; name: string }> = [];
  buildings: NewBuilding[] = [];
  buildingGrids = new Map<string, string>();
  units: Array<NewUnit & { building: string }> = [];
  unitUpdates: Array<{ unitId: string; set: UnitUpdate }> = [];
  persons: Array<Insertable<PersonTable>> = [];
  phones: Array<{ personId: string; from: string | null; to: string }> = [];
  unlinks: Array<{ table: UnitLinkTable; unitId: string; personIds: string[] }> = [];
  links: Record<UnitLinkTable, Array<{ unit_id: string; person_id: string; created_at: string }>> = { ownerships: [], residencies: [] };

  async flush(trx: Db): Promise<void> {
    await insertGrids(trx, this.grids);
    await insertBuildings(trx, this.buildings);
    for (const [buildingId, gridId] of this.buildingGrids) await setBuildingGrid(trx, buildingId, gridId);
    await insertUnits(trx, this.units);
    for (const { unitId, set } of this.unitUpdates) await updateUnit(trx, unitId, set);
    await insertPersons(trx, this.persons);
    for (const { personId, from, to } of this.phones) await changePersonPhone(trx, personId, from, to);
    for (const { table, unitId, personIds } of this.unlinks) await unlinkPersons(trx, table, unitId, personIds);
    await linkPersons(trx, 'ownerships', this.links.ownerships);
    await linkPersons(trx, 'residencies', this.links.residencies);
    Object.assign(this, new StepWrites());
  }
}

type LinkedPerson = { id: string; name: string; phone: string | null };

/** The compound's owners (or residents) by unit, read in one statement. */
async function linkedPersonsByUnit(trx: Db, table: UnitLinkTable, compoundId: string): Promise<Map<string, LinkedPerson[]>> {
  const byUnit = new Map<string, LinkedPerson[]>();
  for (const { unitId, ...person } of await listUnitPersonsOfCompound(trx, table, compoundId)) {
    const list = byUnit.get(unitId);
    if (list) list.push(person);
    else byUnit.set(unitId, [person]);
  }
  return byUnit;
}

async function applyRows(
  trx: Db,
  compoundId: string,
  rows: RosterRow[],
  columns: RosterColumns,
  now: string,
  applied: (done: number) => Promise<void>,
): Promise<RosterImportSummary> {
  const summary: RosterImportSummary = {
    rows: rows.length,
    buildingsCreated: 0,
    unitsCreated: 0,
    unitsUpdated: 0,
    changes: [],
    unitsUnchanged: 0,
    personsCreated: 0,
    unitsNotInFile: 0,
    gridsCreated: 0,
    buildingGridsChanged: 0,
    residents: 0,
    applied: false,
  };

  const gridIds = new Map((await listGridsOfCompound(trx, compoundId)).map((g) => [g.name, g.id]));
  const buildings = new Map((await listRosterBuildings(trx, compoundId)).map((b) => [b.name, { id: b.id, gridId: b.grid_id }]));
  const units = await listRosterUnits(trx, compoundId);
  const unitByKey = new Map(units.map((u) => [`${u.building}|${u.entrance}|${u.room}`, u]));
  const linked: Record<UnitLinkTable, Map<string, LinkedPerson[]>> = {
    ownerships: await linkedPersonsByUnit(trx, 'ownerships', compoundId),
    residencies: columns.residents ? await linkedPersonsByUnit(trx, 'residencies', compoundId) : new Map(),
  };
  const phones = new Set(rows.flatMap((row) => [...row.owners, ...row.residents].flatMap((p) => (p.phone ? [p.phone] : []))));
  const personByPhone = new Map((await findPersonsByPhones(trx, [...phones])).map((p) => [p.phone!, { id: p.id, name: p.name }]));
  const lineOfPhone = new Map<string, number>();
  for (const row of rows) for (const p of [...row.owners, ...row.residents]) if (p.phone && !lineOfPhone.has(p.phone)) lineOfPhone.set(p.phone, row.line);
  const seenKeys = new Set<string>();
  const regridded = new Set<string>();
  const problems: RosterProblem[] = [];
  const writes = new StepWrites();

  const gridIdFor = (name: string): string => {
    let id = gridIds.get(name);
    if (!id) {
      id = newId();
      writes.grids.push({ id, compound_id: compoundId, name });
      gridIds.set(name, id);
      summary.gridsCreated++;
    }
    return id;
  };

  /**
   * Whether a person of the unit can take the phone the file gives her name: not while the file still
   * lists her old phone (one person has one phone), nor when the new one is another account's login.
   */
  const phoneCorrectable = async (kept: LinkedPerson, phone: string, line: number, field: RosterField): Promise<boolean> => {
    const params = { name: kept.name, from: kept.phone ?? '—', phone };
    const stillListed = kept.phone === null ? undefined : lineOfPhone.get(kept.phone);
    if (stillListed !== undefined) {
      problems.push(rosterProblem(columns, line, field, 'roster_phone_change_conflict', { ...params, otherRow: stillListed }));
      return false;
    }
    const accounts = await findAccountsByPhoneOrPerson(trx, phone, kept.id);
    const holder = accounts.find((a) => a.phone === phone && a.person_id !== kept.id);
    // Staff invited by this phone and linked to nobody become her account when she activates, unless she has one already.
    if (holder && (holder.person_id !== null || accounts.some((a) => a.person_id === kept.id))) {
      problems.push(rosterProblem(columns, line, field, 'roster_phone_change_taken', params));
      return false;
    }
    return true;
  };

  /**
   * Replaces the unit's owners (or residents) by those listed; their names before and after when anything
   * changed. The phones corrected of those kept are added to `phoneChanges`.
   */
  const replaceLinks = async (
    table: UnitLinkTable,
    unitId: string,
    row: RosterRow,
    listed: RosterPerson[],
    phoneField: RosterField,
    phoneChanges: NonNullable<RosterUnitChange['phones']>,
  ): Promise<RosterUnitChange['owners'] | null> => {
    const current = linked[table].get(unitId) ?? [];
    const wanted = new Map<string, LinkedPerson>();
    for (const person of listed) {
      let personId: string | undefined;
      if (person.phone) {
        const phone = person.phone;
        const known = personByPhone.get(phone);
        if (known && known.name !== person.name) {
          problems.push(rosterProblem(columns, row.line, phoneField, 'roster_phone_taken', { phone, name: known.name, given: person.name }));
          continue;
        }
        // The unit's person of that name, on the roster with another phone (or none).
        const kept = current.find((p) => p.name === person.name && p.phone !== phone && p.id !== known?.id && !wanted.has(p.id));
        if (kept && !known) {
          if (!(await phoneCorrectable(kept, phone, row.line, phoneField))) continue;
          writes.phones.push({ personId: kept.id, from: kept.phone, to: phone });
          phoneChanges.push({ name: person.name, from: kept.phone, to: phone });
          personId = kept.id;
        } else if (kept?.phone && known) {
          // Her phone corrected to another person's of the same name: which of the two is meant is for the keeper to say.
          problems.push(rosterProblem(columns, row.line, phoneField, 'roster_phone_change_taken', { name: kept.name, from: kept.phone, phone }));
          continue;
        } else personId = known?.id;
      } else {
        personId = current.find((p) => p.name === person.name)?.id;
      }
      if (!personId) {
        personId = newId();
        writes.persons.push({ id: personId, name: person.name, phone: person.phone, created_at: now });
        summary.personsCreated++;
      }
      if (person.phone) personByPhone.set(person.phone, { id: personId, name: person.name });
      wanted.set(personId, { id: personId, name: person.name, phone: person.phone });
    }
    const currentIds = new Set(current.map((p) => p.id));
    const toRemove = [...currentIds].filter((id) => !wanted.has(id));
    const toAdd = [...wanted.keys()].filter((id) => !currentIds.has(id));
    if (toRemove.length > 0) writes.unlinks.push({ table, unitId, personIds: toRemove });
    for (const personId of toAdd) writes.links[table].push({ unit_id: unitId, person_id: personId, created_at: now });
    linked[table].set(unitId, [...wanted.values()]);
    if (toRemove.length === 0 && toAdd.length === 0) return null;
    // Those on the roster now in name order (the database keeps none); those listed in the file's order.
    return { from: current.map((p) => p.name).sort(compareNames), to: [...wanted.values()].map((p) => p.name) };
  };

  for (const [index, row] of rows.entries()) {
    if (index > 0 && index % ROWS_PER_STEP === 0) {
      await writes.flush(trx);
      await applied(index);
    }
    const gridId = row.grid === null ? null : gridIdFor(row.grid);
    let building = buildings.get(row.building);
    if (!building) {
      building = { id: newId(), gridId };
      writes.buildings.push({ id: building.id, compound_id: compoundId, grid_id: gridId, name: row.building, created_at: now });
      buildings.set(row.building, building);
      summary.buildingsCreated++;
      if (gridId) regridded.add(building.id);
    } else if (gridId && building.gridId !== gridId) {
      writes.buildingGrids.set(building.id, gridId);
      building.gridId = gridId;
      regridded.add(building.id);
    }

    const key = `${row.building}|${row.entrance}|${row.room}`;
    seenKeys.add(key);
    const existing = unitByKey.get(key);
    let unitId: string;
    // What changes on a unit already on the roster; its row and label are added only if it is listed.
    const change: Omit<RosterUnitChange, 'line' | 'unit'> = {};
    if (!existing) {
      unitId = newId();
      writes.units.push({
        id: unitId,
        compound_id: compoundId,
        building_id: building.id,
        building: row.building,
        entrance: row.entrance,
        room: row.room,
        area_centi: row.areaCenti,
        area_source: row.areaSource,
        developer_held: row.developerHeld ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
      summary.unitsCreated++;
    } else {
      unitId = existing.id;
      const areaChanged = existing.area_centi !== row.areaCenti || existing.area_source !== row.areaSource;
      const heldChanged = existing.developer_held !== (row.developerHeld ? 1 : 0);
      if (areaChanged || heldChanged) {
        writes.unitUpdates.push({
          unitId,
          set: { area_centi: row.areaCenti, area_source: row.areaSource, developer_held: row.developerHeld ? 1 : 0, updated_at: now },
        });
        if (areaChanged) change.area = { from: existing.area_centi, to: row.areaCenti, fromSource: existing.area_source, toSource: row.areaSource };
        if (heldChanged) change.developerHeld = { from: existing.developer_held === 1, to: row.developerHeld };
      }
    }

    const phoneChanges: NonNullable<RosterUnitChange['phones']> = [];
    const owners = await replaceLinks('ownerships', unitId, row, row.owners, 'phones', phoneChanges);
    if (owners) change.owners = owners;
    // A file without a residents column (the older template) leaves residents as they are.
    const residents = columns.residents ? await replaceLinks('residencies', unitId, row, row.residents, 'residentPhones', phoneChanges) : null;
    if (residents) change.residents = residents;
    if (phoneChanges.length > 0) change.phones = phoneChanges;
    summary.residents += row.residents.length;
    if (existing) {
      if (change.area || change.developerHeld || change.owners || change.residents || change.phones) {
        summary.unitsUpdated++;
        if (summary.changes.length < ROSTER_CHANGES_LISTED)
          summary.changes.push({ line: row.line, unit: formatUnitLabel(row.building, row.entrance, row.room), ...change });
      } else summary.unitsUnchanged++;
    }
  }
  await writes.flush(trx);
  await applied(rows.length);
  if (problems.length > 0) throw rosterInvalid(problems);
  summary.buildingGridsChanged = regridded.size;
  summary.unitsNotInFile = [...unitByKey.keys()].filter((key) => !seenKeys.has(key)).length;
  return summary;
}
