import type { PageRequest } from '@yishi/core';
import type { Kysely, Transaction } from 'kysely';
import type { PlaceChain } from '../../auth/actor.js';
import type { Database } from '../database.js';
import { asc, readPage } from '../keyset.js';
import { runReusable, slot } from '../reusable-query.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface CompoundChainRow {
  subdistrictId: string;
  communityId: string;
  compoundId: string;
}

export async function findCompoundChain(db: Db, compoundId: string): Promise<CompoundChainRow | undefined> {
  const row = await db
    .selectFrom('compounds')
    .innerJoin('communities', 'communities.id', 'compounds.community_id')
    .select(['compounds.id as compoundId', 'communities.id as communityId', 'communities.subdistrict_id as subdistrictId'])
    .where('compounds.id', '=', compoundId)
    .executeTakeFirst();
  return row;
}

/** The chain of places above a place of the given kind, or undefined when it does not exist. */
export async function resolvePlaceChain(db: Db, kind: string, id: string): Promise<PlaceChain | undefined> {
  switch (kind) {
    case 'subdistrict': {
      const row = await db.selectFrom('subdistricts').select('id').where('id', '=', id).executeTakeFirst();
      return row ? { subdistrictId: row.id } : undefined;
    }
    case 'community': {
      const row = await db.selectFrom('communities').select(['id', 'subdistrict_id']).where('id', '=', id).executeTakeFirst();
      return row ? { subdistrictId: row.subdistrict_id, communityId: row.id } : undefined;
    }
    case 'compound':
      return findCompoundChain(db, id);
    case 'building': {
      const row = await db.selectFrom('buildings').select(['id', 'compound_id', 'grid_id']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const chain = await findCompoundChain(db, row.compound_id);
      return chain && { ...chain, buildingId: row.id, ...(row.grid_id ? { gridId: row.grid_id } : {}) };
    }
    case 'grid': {
      const row = await db.selectFrom('grids').select(['id', 'compound_id']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const chain = await findCompoundChain(db, row.compound_id);
      return chain && { ...chain, gridId: row.id };
    }
    default:
      return undefined;
  }
}

export function findCompound(db: Db, compoundId: string) {
  return db.selectFrom('compounds').selectAll().where('id', '=', compoundId).executeTakeFirst();
}

/** A compound with the names of its community and subdistrict (the overview's and the notice board's heading). */
export function findCompoundWithPlaces(db: Db, compoundId: string) {
  return db
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
    .executeTakeFirst();
}

/** A compound's units, their floor area and the developer-held ones, summed. */
export function sumUnitsOfCompound(db: Db, compoundId: string) {
  return db
    .selectFrom('units')
    .select((eb) => [
      eb.fn.countAll<number>().as('units'),
      eb.fn.coalesce(eb.fn.sum<number>('area_centi'), eb.lit(0)).as('areaCenti'),
      eb.fn.coalesce(eb.fn.sum<number>('developer_held'), eb.lit(0)).as('developerHeld'),
    ])
    .where('compound_id', '=', compoundId)
    .executeTakeFirstOrThrow();
}

/** How many different persons own a unit in the compound (one owner of several units counts once). */
export async function countOwnersOfCompound(db: Db, compoundId: string): Promise<number> {
  const row = await db
    .selectFrom('ownerships')
    .innerJoin('units', 'units.id', 'ownerships.unit_id')
    .select((eb) => eb.fn.count<number>('ownerships.person_id').distinct().as('count'))
    .where('units.compound_id', '=', compoundId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listCompounds(db: Db) {
  return db
    .selectFrom('compounds')
    .innerJoin('communities', 'communities.id', 'compounds.community_id')
    .innerJoin('subdistricts', 'subdistricts.id', 'communities.subdistrict_id')
    .select([
      'compounds.id',
      'compounds.name',
      'compounds.code',
      'compounds.address',
      'communities.id as communityId',
      'communities.name as communityName',
      'subdistricts.id as subdistrictId',
      'subdistricts.name as subdistrictName',
    ])
    .orderBy('compounds.code')
    .execute();
}

export function listBuildingsWithCounts(db: Db, compoundId: string) {
  return db
    .selectFrom('buildings')
    .leftJoin('units', 'units.building_id', 'buildings.id')
    .leftJoin('grids', 'grids.id', 'buildings.grid_id')
    .select((eb) => [
      'buildings.id',
      'buildings.name',
      'grids.name as gridName',
      eb.fn.count<number>('units.id').as('unitCount'),
      eb.fn.coalesce(eb.fn.sum<number>('units.area_centi'), eb.lit(0)).as('areaCenti'),
    ])
    .where('buildings.compound_id', '=', compoundId)
    .groupBy(['buildings.id', 'buildings.name', 'buildings.sort_key', 'grids.name'])
    .orderBy('buildings.sort_key')
    .orderBy('buildings.id')
    .execute();
}

/** One page of the compound's units in roster order (building, entrance, room, numbers as numbers; the id breaks ties). */
export function readUnitsPage(db: Db, compoundId: string, page: PageRequest) {
  const query = db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select([
      'units.id',
      'units.sort_key',
      'buildings.name as building',
      'units.entrance',
      'units.room',
      'units.area_centi',
      'units.area_source',
      'units.developer_held',
    ])
    .where('units.compound_id', '=', compoundId);
  return readPage(query, [asc('units.sort_key'), asc('units.id')], page);
}

/** The owners of these units (a page of the roster), by name. */
export function listOwnershipsOfUnits(db: Db, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ownerships')
    .innerJoin('persons', 'persons.id', 'ownerships.person_id')
    .select(['ownerships.unit_id as unitId', 'persons.id as personId', 'persons.name', 'persons.phone'])
    .where('ownerships.unit_id', 'in', unitIds)
    .orderBy('ownerships.unit_id')
    .orderBy('persons.name')
    .execute();
}

export function findUnitBuilding(db: Db, unitId: string) {
  return db.selectFrom('units').select(['id', 'building_id', 'compound_id']).where('id', '=', unitId).executeTakeFirst();
}

/** The place a vote is about, in one statement: its compound's chain, and its building for a building-scoped vote. */
export async function findVotePlace(db: Db, voteId: string): Promise<PlaceChain | undefined> {
  // Every vote route's access check reads it (a ballot too): compiled once (db/reusable-query.ts).
  const [row] = await runReusable(
    db,
    'findVotePlace',
    () =>
      db
        .selectFrom('votes')
        .innerJoin('compounds', 'compounds.id', 'votes.compound_id')
        .innerJoin('communities', 'communities.id', 'compounds.community_id')
        .select([
          'compounds.id as compoundId',
          'communities.id as communityId',
          'communities.subdistrict_id as subdistrictId',
          'votes.building_id as buildingId',
        ])
        .where('votes.id', '=', slot('voteId')),
    { voteId },
  );
  if (!row) return undefined;
  const { buildingId, ...chain } = row;
  return buildingId ? { ...chain, buildingId } : chain;
}
