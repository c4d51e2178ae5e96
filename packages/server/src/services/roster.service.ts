/**
 * Applying a validated roster to a compound, all or nothing: grids, buildings and units are created
 * or updated, each building put in the grid the file names (an empty cell keeps its grid), each
 * unit's owners and — when the file has a residents column — its residents replaced by those listed.
 * Re-running the same file changes nothing.
 * A phone number identifies a person across units (that is how one owner of several units counts as
 * one head); a person listed without a phone is matched only to the same name on the same unit.
 */
import {
  DomainError,
  formatAreaCenti,
  groupBy,
  parseRoster,
  parseRosterRows,
  rosterProblem,
  type RosterColumns,
  type RosterField,
  type RosterImportSummary,
  type RosterPerson,
  type RosterProblem,
  type RosterRow,
} from '@yishi/core';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import { listOwnershipsOfCompound, listUnits } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';

class DryRunRollback extends Error {
  constructor(readonly summary: RosterImportSummary) {
    super('dry run');
  }
}

/** A roster as CSV text (the seed, scripts) or as a sheet's rows of text (an upload, .xlsx or CSV). */
export type RosterSource = { csv: string } | { rows: string[][] };

export async function importRoster(
  deps: Deps,
  input: { compoundId: string; userId: string; dryRun: boolean } & RosterSource,
): Promise<RosterImportSummary> {
  const parsed = 'rows' in input ? parseRosterRows(input.rows) : parseRoster(input.csv);
  if (!parsed.ok) throw rosterInvalid(parsed.problems);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Two imports into one compound at once would both create the same buildings and units; the
      // second waits for the first and then finds them.
      await lockRow(trx, 'compounds', input.compoundId);
      const summary = await applyRows(trx, input.compoundId, parsed.rows, parsed.columns, deps.clock().toISOString());
      if (input.dryRun) throw new DryRunRollback(summary);
      await trx
        .insertInto('roster_imports')
        .values({
          id: newId(),
          compound_id: input.compoundId,
          user_id: input.userId,
          created_at: deps.clock().toISOString(),
          row_count: summary.rows,
          units_created: summary.unitsCreated,
          units_updated: summary.unitsUpdated,
          units_unchanged: summary.unitsUnchanged,
          persons_created: summary.personsCreated,
        })
        .execute();
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

type LinkTable = 'ownerships' | 'residencies';

async function applyRows(
  trx: Transaction<Database>,
  compoundId: string,
  rows: RosterRow[],
  columns: RosterColumns,
  now: string,
): Promise<RosterImportSummary> {
  const summary: RosterImportSummary = {
    rows: rows.length,
    buildingsCreated: 0,
    unitsCreated: 0,
    unitsUpdated: 0,
    unitsUnchanged: 0,
    personsCreated: 0,
    unitsNotInFile: 0,
    gridsCreated: 0,
    buildingGridsChanged: 0,
    residents: 0,
    applied: false,
  };

  const gridIds = new Map(
    (await trx.selectFrom('grids').select(['id', 'name']).where('compound_id', '=', compoundId).execute()).map((g) => [g.name, g.id]),
  );
  const buildings = new Map(
    (await trx.selectFrom('buildings').select(['id', 'name', 'grid_id']).where('compound_id', '=', compoundId).execute()).map((b) => [
      b.name,
      { id: b.id, gridId: b.grid_id },
    ]),
  );
  const units = await trx
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'buildings.name as building', 'units.entrance', 'units.room', 'units.area_centi', 'units.area_source', 'units.developer_held'])
    .where('units.compound_id', '=', compoundId)
    .execute();
  const unitByKey = new Map(units.map((u) => [`${u.building}|${u.entrance}|${u.room}`, u]));
  const seenKeys = new Set<string>();
  const regridded = new Set<string>();

  const problems: RosterProblem[] = [];
  const personByPhone = new Map<string, { id: string; name: string }>();

  const gridIdFor = async (name: string): Promise<string> => {
    let id = gridIds.get(name);
    if (!id) {
      id = newId();
      await trx.insertInto('grids').values({ id, compound_id: compoundId, name }).execute();
      gridIds.set(name, id);
      summary.gridsCreated++;
    }
    return id;
  };

  /** Replaces the unit's owners (or residents) by those listed; true when anything changed. */
  const replaceLinks = async (table: LinkTable, unitId: string, row: RosterRow, listed: RosterPerson[], phoneField: RosterField): Promise<boolean> => {
    const current = await trx
      .selectFrom(table)
      .innerJoin('persons', 'persons.id', `${table}.person_id`)
      .select(['persons.id', 'persons.name', 'persons.phone'])
      .where(`${table}.unit_id`, '=', unitId)
      .execute();
    const wanted = new Set<string>();
    for (const person of listed) {
      let personId: string | undefined;
      if (person.phone) {
        const known =
          personByPhone.get(person.phone) ??
          (await trx.selectFrom('persons').select(['id', 'name']).where('phone', '=', person.phone).executeTakeFirst());
        if (known && known.name !== person.name) {
          problems.push(rosterProblem(columns, row.line, phoneField, 'roster_phone_taken', { phone: person.phone, name: known.name, given: person.name }));
          continue;
        }
        personId = known?.id;
      } else {
        personId = current.find((p) => p.name === person.name)?.id;
      }
      if (!personId) {
        personId = newId();
        await trx.insertInto('persons').values({ id: personId, name: person.name, phone: person.phone, created_at: now }).execute();
        summary.personsCreated++;
      }
      if (person.phone) personByPhone.set(person.phone, { id: personId, name: person.name });
      wanted.add(personId);
    }
    const currentIds = new Set(current.map((p) => p.id));
    const toRemove = [...currentIds].filter((id) => !wanted.has(id));
    const toAdd = [...wanted].filter((id) => !currentIds.has(id));
    if (toRemove.length > 0) await trx.deleteFrom(table).where('unit_id', '=', unitId).where('person_id', 'in', toRemove).execute();
    for (const personId of toAdd) await trx.insertInto(table).values({ unit_id: unitId, person_id: personId, created_at: now }).execute();
    return toRemove.length > 0 || toAdd.length > 0;
  };

  for (const row of rows) {
    const gridId = row.grid === null ? null : await gridIdFor(row.grid);
    let building = buildings.get(row.building);
    if (!building) {
      building = { id: newId(), gridId };
      await trx.insertInto('buildings').values({ id: building.id, compound_id: compoundId, grid_id: gridId, name: row.building, created_at: now }).execute();
      buildings.set(row.building, building);
      summary.buildingsCreated++;
      if (gridId) regridded.add(building.id);
    } else if (gridId && building.gridId !== gridId) {
      await trx.updateTable('buildings').set({ grid_id: gridId }).where('id', '=', building.id).execute();
      building.gridId = gridId;
      regridded.add(building.id);
    }

    const key = `${row.building}|${row.entrance}|${row.room}`;
    seenKeys.add(key);
    const existing = unitByKey.get(key);
    let unitId: string;
    let changed = false;
    if (!existing) {
      unitId = newId();
      await trx
        .insertInto('units')
        .values({
          id: unitId,
          compound_id: compoundId,
          building_id: building.id,
          entrance: row.entrance,
          room: row.room,
          area_centi: row.areaCenti,
          area_source: row.areaSource,
          developer_held: row.developerHeld ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      summary.unitsCreated++;
    } else {
      unitId = existing.id;
      if (existing.area_centi !== row.areaCenti || existing.area_source !== row.areaSource || existing.developer_held !== (row.developerHeld ? 1 : 0)) {
        await trx
          .updateTable('units')
          .set({ area_centi: row.areaCenti, area_source: row.areaSource, developer_held: row.developerHeld ? 1 : 0, updated_at: now })
          .where('id', '=', unitId)
          .execute();
        changed = true;
      }
    }

    const ownersChanged = await replaceLinks('ownerships', unitId, row, row.owners, 'phones');
    // A file without a residents column (the older template) leaves residents as they are.
    const residentsChanged = columns.residents ? await replaceLinks('residencies', unitId, row, row.residents, 'residentPhones') : false;
    summary.residents += row.residents.length;
    if (existing) {
      if (changed || ownersChanged || residentsChanged) summary.unitsUpdated++;
      else summary.unitsUnchanged++;
    }
  }
  if (problems.length > 0) throw rosterInvalid(problems);
  summary.buildingGridsChanged = regridded.size;
  summary.unitsNotInFile = [...unitByKey.keys()].filter((key) => !seenKeys.has(key)).length;
  return summary;
}

const AREA_SOURCE_WORDS: Record<string, string> = { registered: '登记', surveyed: '测绘', contract: '合同' };

/**
 * The compound's roster as rows under ROSTER_TEMPLATE_HEADER: the file the import reads, so an
 * export imported again changes nothing.
 */
export async function rosterExportRows(deps: Deps, compoundId: string): Promise<string[][]> {
  const units = await listUnits(deps.db, compoundId);
  const owners = groupBy(await listOwnershipsOfCompound(deps.db, compoundId), (o) => o.unitId);
  const residents = groupBy(
    await deps.db
      .selectFrom('residencies')
      .innerJoin('units', 'units.id', 'residencies.unit_id')
      .innerJoin('persons', 'persons.id', 'residencies.person_id')
      .select(['residencies.unit_id as unitId', 'persons.name', 'persons.phone'])
      .where('units.compound_id', '=', compoundId)
      .orderBy('residencies.unit_id')
      .orderBy('persons.name')
      .execute(),
    (r) => r.unitId,
  );
  const gridOfUnit = new Map(
    (
      await deps.db
        .selectFrom('units')
        .innerJoin('buildings', 'buildings.id', 'units.building_id')
        .innerJoin('grids', 'grids.id', 'buildings.grid_id')
        .select(['units.id', 'grids.name'])
        .where('units.compound_id', '=', compoundId)
        .execute()
    ).map((u) => [u.id, u.name]),
  );
  // Phones go with names by position: a person without a phone keeps an empty place only when
  // someone after them has one, so that the positions still match.
  const phones = (list: Array<{ phone: string | null }>): string => {
    const lastWithPhone = list.findLastIndex((p) => p.phone);
    return list
      .slice(0, lastWithPhone + 1)
      .map((p) => p.phone ?? '')
      .join('、');
  };
  return units.map((u) => {
    const ownerList = owners.get(u.id) ?? [];
    const residentList = residents.get(u.id) ?? [];
    return [
      u.building,
      u.entrance,
      u.room,
      formatAreaCenti(u.area_centi),
      AREA_SOURCE_WORDS[u.area_source] ?? '登记',
      ownerList.map((o) => o.name).join('、'),
      phones(ownerList),
      u.developer_held ? '是' : '否',
      gridOfUnit.get(u.id) ?? '',
      residentList.map((r) => r.name).join('、'),
      phones(residentList),
    ];
  });
}
