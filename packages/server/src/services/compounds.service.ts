/** The compounds a person works, owns or lives in, and one compound's overview. */
import {
  DomainError,
  groupBy,
  type CompoundOverview,
  type CompoundRepresentative,
  type MyCompound,
  type PageRequest,
  type Party,
  type RosterUnits,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { rolesAt } from '../auth/authorize.js';
import {
  countOwnersOfCompound,
  findCompoundWithPlaces,
  listBuildingsWithCounts,
  listCompounds,
  listOwnershipsOfUnits,
  readUnitsPage,
  sumUnitsOfCompound,
} from '../db/repositories/places.repository.js';
import { listCompoundRepresentatives } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';

export async function listCompoundsFor(deps: Deps, actor: Actor): Promise<MyCompound[]> {
  const all = await listCompounds(deps.db);
  return all
    .map((compound) => {
      const roles = [...rolesAt(actor, { subdistrictId: compound.subdistrictId, communityId: compound.communityId, compoundId: compound.id })];
      return { ...compound, myRoles: roles };
    })
    .filter((compound) => compound.myRoles.length > 0);
}

export async function getCompoundOverview(deps: Deps, compoundId: string): Promise<CompoundOverview> {
  const { db } = deps;
  const compound = await findCompoundWithPlaces(db, compoundId);
  if (!compound) throw new DomainError('compound_not_found');
  const buildings = await listBuildingsWithCounts(db, compoundId);
  const totals = await sumUnitsOfCompound(db, compoundId);
  const owners = await countOwnersOfCompound(db, compoundId);
  const reps = await listCompoundRepresentatives(db, compoundId);
  const partyReps = (party: Party) => reps.filter((rep) => rep.role === 'party_rep' && rep.party === party);
  const parties: Record<Party, CompoundRepresentative[]> = {
    community: partyReps('community'),
    department: partyReps('department'),
    owners_committee: partyReps('owners_committee'),
    property_manager: partyReps('property_manager'),
  };
  const station = reps.filter((rep) => rep.role === 'station_chief' || rep.role === 'station_deputy');
  return {
    compound,
    stats: {
      buildings: buildings.length,
      units: Number(totals.units),
      owners,
      developerHeldUnits: Number(totals.developerHeld),
      totalAreaCenti: Number(totals.areaCenti),
    },
    buildings: buildings.map((b) => ({ ...b, unitCount: Number(b.unitCount), areaCenti: Number(b.areaCenti) })),
    parties,
    station,
  };
}

/** The roster as a table, a page at a time: each unit with its area and owners. */
export async function listRosterUnits(deps: Deps, compoundId: string, page: PageRequest): Promise<RosterUnits> {
  const { rows, next } = await readUnitsPage(deps.db, compoundId, page);
  const byUnit = groupBy(
    await listOwnershipsOfUnits(
      deps.db,
      rows.map((u) => u.id),
    ),
    (o) => o.unitId,
  );
  return {
    items: rows.map((u) => ({
      id: u.id,
      building: u.building,
      entrance: u.entrance,
      room: u.room,
      areaCenti: u.area_centi,
      areaSource: u.area_source,
      developerHeld: u.developer_held === 1,
      owners: (byUnit.get(u.id) ?? []).map((o) => ({ personId: o.personId, name: o.name, phone: o.phone })),
    })),
    next,
  };
}
