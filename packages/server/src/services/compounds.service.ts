import { PARTIES, type Party } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { rolesAt } from '../auth/authorize.js';
import {
  listBuildingsWithCounts,
  listCompounds,
} from '../db/repositories/places.repository.js';
import { listCompoundRepresentatives } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';

export async function listCompoundsFor(deps: Deps, actor: Actor) {
  const all = await listCompounds(deps.db);
  return all
    .map((compound) => {
      const roles = [...rolesAt(actor, { subdistrictId: compound.subdistrictId, communityId: compound.communityId, compoundId: compound.id })];
      return { ...compound, myRoles: roles };
    })
    .filter((compound) => compound.myRoles.length > 0);
}

export async function getCompoundOverview(deps: Deps, compoundId: string) {
  const { db } = deps;
  const compound = await db
    .selectFrom('compounds')
    .innerJoin('communities', 'communities.id', 'compounds.community_id')
    .innerJoin('subdistricts', 'subdistricts.id', 'communities.subdistrict_id')
    .select([
      'compounds.id',
      'compounds.name',
      'compounds.code',
      'compounds.address',
      'compounds.quorum_rule as quorumRule',
      'communities.name as communityName',
      'subdistricts.name as subdistrictName',
    ])
    .where('compounds.id', '=', compoundId)
    .executeTakeFirstOrThrow();
  const buildings = await listBuildingsWithCounts(db, compoundId);
  const totals = await db
    .selectFrom('units')
    .select((eb) => [
      eb.fn.countAll<number>().as('units'),
      eb.fn.coalesce(eb.fn.sum<number>('area_centi'), eb.lit(0)).as('areaCenti'),
      eb.fn.coalesce(eb.fn.sum<number>('developer_held'), eb.lit(0)).as('developerHeld'),
    ])
    .where('compound_id', '=', compoundId)
    .executeTakeFirstOrThrow();
  const owners = await db
    .selectFrom('ownerships')
    .innerJoin('units', 'units.id', 'ownerships.unit_id')
    .select((eb) => eb.fn.count<number>('ownerships.person_id').distinct().as('count'))
    .where('units.compound_id', '=', compoundId)
    .executeTakeFirstOrThrow();
  const reps = await listCompoundRepresentatives(db, compoundId);
  const parties = Object.fromEntries(PARTIES.map((party) => [party, [] as typeof reps])) as Record<Party, typeof reps>;
  for (const rep of reps) if (rep.role === 'party_rep' && rep.party && rep.party in parties) parties[rep.party as Party].push(rep);
  const station = reps.filter((rep) => rep.role === 'station_chief' || rep.role === 'station_deputy');
  return {
    compound,
    stats: {
      buildings: buildings.length,
      units: Number(totals.units),
      owners: Number(owners.count),
      developerHeldUnits: Number(totals.developerHeld),
      totalAreaCenti: Number(totals.areaCenti),
    },
    buildings: buildings.map((b) => ({ ...b, unitCount: Number(b.unitCount), areaCenti: Number(b.areaCenti) })),
    parties,
    station,
  };
}
