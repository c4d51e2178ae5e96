/** Creating and renaming places, and reading the tree of places below one (for the admin and staff pages). */
import { formatBuildingName } from '@yishi/core';
import { gridSortKey } from '../natural-key.js';
import type { Db } from './places.repository.js';

export function insertSubdistrict(db: Db, row: { id: string; name: string; code: string; created_at: string }) {
  return db.insertInto('subdistricts').values(row).execute();
}

export function insertCommunity(db: Db, row: { id: string; subdistrict_id: string; name: string; code: string; created_at: string }) {
  return db.insertInto('communities').values(row).execute();
}

export function renameCommunity(db: Db, id: string, name: string) {
  return db.updateTable('communities').set({ name }).where('id', '=', id).execute();
}

export function insertCompound(db: Db, row: { id: string; community_id: string; name: string; code: string; address: string; created_at: string }) {
  return db
    .insertInto('compounds')
    .values({ ...row, quorum_rule: 'all_parties' })
    .execute();
}

export function updateCompound(db: Db, id: string, values: { name?: string; address?: string }) {
  return db.updateTable('compounds').set(values).where('id', '=', id).execute();
}

export function findCompoundByCode(db: Db, code: string) {
  return db.selectFrom('compounds').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
}

export function findCommunityByName(db: Db, subdistrictId: string, name: string) {
  return db.selectFrom('communities').select('id').where('subdistrict_id', '=', subdistrictId).where('name', '=', name).executeTakeFirst();
}

export function findCompoundByName(db: Db, communityId: string, name: string) {
  return db.selectFrom('compounds').select('id').where('community_id', '=', communityId).where('name', '=', name).executeTakeFirst();
}

export function listSubdistricts(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('subdistricts').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
}

export function listCommunitiesIn(db: Db, subdistrictIds: string[]) {
  if (subdistrictIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('communities').select(['id', 'name', 'subdistrict_id']).where('subdistrict_id', 'in', subdistrictIds).orderBy('name').execute();
}

export function listCompoundsIn(db: Db, communityIds: string[]) {
  if (communityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('compounds')
    .select(['id', 'name', 'code', 'address', 'community_id'])
    .where('community_id', 'in', communityIds)
    .orderBy('name')
    .execute();
}

export function listBuildingsIn(db: Db, compoundIds: string[]) {
  if (compoundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('buildings')
    .select(['id', 'name', 'compound_id'])
    .where('compound_id', 'in', compoundIds)
    .orderBy('compound_id')
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
}

/**
 * The grids of these compounds, each compound's in number order (第一网格, 第二网格 … 第十网格: gridSortKey
 * reads the Chinese numerals). Sorted here, not by a column: a compound has a handful of grids.
 */
export async function listGridsIn(db: Db, compoundIds: string[]) {
  if (compoundIds.length === 0) return [];
  const grids = await db.selectFrom('grids').select(['id', 'name', 'compound_id']).where('compound_id', 'in', compoundIds).execute();
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return grids
    .map((g) => ({ ...g, key: gridSortKey(g.name) }))
    .sort((a, b) => cmp(a.compound_id, b.compound_id) || cmp(a.key, b.key) || cmp(a.id, b.id))
    .map(({ key: _key, ...g }) => g);
}

/** The subdistrict of a place, for the grant record. */
export function findSubdistrictOfCommunity(db: Db, communityId: string) {
  return db.selectFrom('communities').select('subdistrict_id').where('id', '=', communityId).executeTakeFirst();
}

/** How people name a place: 秀江街道, 宜阳社区, 都市春天小区, 都市春天小区 1栋, 都市春天小区 第一网格. */
export async function placeLabel(db: Db, kind: string, id: string): Promise<string> {
  switch (kind) {
    case 'subdistrict':
      return (await db.selectFrom('subdistricts').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
    case 'community':
      return (await db.selectFrom('communities').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
    case 'compound':
      return (await db.selectFrom('compounds').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
    case 'building': {
      const row = await db
        .selectFrom('buildings')
        .innerJoin('compounds', 'compounds.id', 'buildings.compound_id')
        .select(['compounds.name as compound', 'buildings.name'])
        .where('buildings.id', '=', id)
        .executeTakeFirst();
      return row ? `${row.compound} ${formatBuildingName(row.name)}` : '';
    }
    case 'grid': {
      const row = await db
        .selectFrom('grids')
        .innerJoin('compounds', 'compounds.id', 'grids.compound_id')
        .select(['compounds.name as compound', 'grids.name'])
        .where('grids.id', '=', id)
        .executeTakeFirst();
      return row ? `${row.compound} ${row.name}` : '';
    }
    default:
      return '';
  }
}
