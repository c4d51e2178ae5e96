/**
 * Applying a validated roster to a compound, all or nothing: buildings and units are created or
 * updated, each unit's owners replaced by those listed. Re-running the same file changes nothing.
 * A phone number identifies a person across units (that is how one owner of several units counts as
 * one head); an owner listed without a phone is matched only to the same name on the same unit.
 */
import { DomainError, parseRoster, type RosterImportSummary, type RosterProblem, type RosterRow } from '@yishi/core';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';

class DryRunRollback extends Error {
  constructor(readonly summary: RosterImportSummary) {
    super('dry run');
  }
}

export async function importRoster(
  deps: Deps,
  input: { compoundId: string; userId: string; csv: string; dryRun: boolean },
): Promise<RosterImportSummary> {
  const parsed = parseRoster(input.csv);
  if (!parsed.ok) throw rosterInvalid(parsed.problems);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Two imports into one compound at once would both create the same buildings and units; the
      // second waits for the first and then finds them.
      await lockRow(trx, 'compounds', input.compoundId);
      const summary = await applyRows(trx, input.compoundId, parsed.rows, deps.clock().toISOString());
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

async function applyRows(trx: Transaction<Database>, compoundId: string, rows: RosterRow[], now: string): Promise<RosterImportSummary> {
  const summary: RosterImportSummary = {
    rows: rows.length,
    buildingsCreated: 0,
    unitsCreated: 0,
    unitsUpdated: 0,
    unitsUnchanged: 0,
    personsCreated: 0,
    unitsNotInFile: 0,
    applied: false,
  };

  const buildingIds = new Map(
    (await trx.selectFrom('buildings').select(['id', 'name']).where('compound_id', '=', compoundId).execute()).map((b) => [b.name, b.id]),
  );
  const units = await trx
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'buildings.name as building', 'units.entrance', 'units.room', 'units.area_centi', 'units.area_source', 'units.developer_held'])
    .where('units.compound_id', '=', compoundId)
    .execute();
  const unitByKey = new Map(units.map((u) => [`${u.building}|${u.entrance}|${u.room}`, u]));
  const seenKeys = new Set<string>();

  const problems: RosterProblem[] = [];
  const personByPhone = new Map<string, { id: string; name: string }>();

  for (const row of rows) {
    let buildingId = buildingIds.get(row.building);
    if (!buildingId) {
      buildingId = newId();
      await trx.insertInto('buildings').values({ id: buildingId, compound_id: compoundId, grid_id: null, name: row.building, created_at: now }).execute();
      buildingIds.set(row.building, buildingId);
      summary.buildingsCreated++;
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
          building_id: buildingId,
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

    const current = await trx
      .selectFrom('ownerships')
      .innerJoin('persons', 'persons.id', 'ownerships.person_id')
      .select(['persons.id', 'persons.name', 'persons.phone'])
      .where('ownerships.unit_id', '=', unitId)
      .execute();
    const wanted = new Set<string>();
    for (const owner of row.owners) {
      let personId: string | undefined;
      if (owner.phone) {
        const known =
          personByPhone.get(owner.phone) ??
          (await trx.selectFrom('persons').select(['id', 'name']).where('phone', '=', owner.phone).executeTakeFirst());
        if (known && known.name !== owner.name) {
          problems.push({
            line: row.line,
            column: '手机',
            code: 'roster_phone_name_conflict',
            params: { phone: owner.phone, name: known.name, line: row.line },
          });
          continue;
        }
        personId = known?.id;
      } else {
        personId = current.find((p) => p.name === owner.name)?.id;
      }
      if (!personId) {
        personId = newId();
        await trx.insertInto('persons').values({ id: personId, name: owner.name, phone: owner.phone, created_at: now }).execute();
        summary.personsCreated++;
      }
      if (owner.phone) personByPhone.set(owner.phone, { id: personId, name: owner.name });
      wanted.add(personId);
    }
    const currentIds = new Set(current.map((p) => p.id));
    const toRemove = [...currentIds].filter((id) => !wanted.has(id));
    const toAdd = [...wanted].filter((id) => !currentIds.has(id));
    if (toRemove.length > 0) {
      await trx.deleteFrom('ownerships').where('unit_id', '=', unitId).where('person_id', 'in', toRemove).execute();
    }
    for (const personId of toAdd) {
      await trx.insertInto('ownerships').values({ unit_id: unitId, person_id: personId, created_at: now }).execute();
    }
    if (existing) {
      if (changed || toRemove.length > 0 || toAdd.length > 0) summary.unitsUpdated++;
      else summary.unitsUnchanged++;
    }
  }
  if (problems.length > 0) throw rosterInvalid(problems);
  summary.unitsNotInFile = [...unitByKey.keys()].filter((key) => !seenKeys.has(key)).length;
  return summary;
}
